// The page's Vite config. No modulepreload polyfill: it touches `document` when the module loads,
// and the smoke test loads the built bundle in Node.
export default {
  build: { modulePreload: { polyfill: false } },
};
