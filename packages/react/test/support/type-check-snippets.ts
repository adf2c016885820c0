// Type-checks code blocks of a README as they are written, each as its own module of one program,
// without writing them to disk: the compiler host serves them at virtual paths in `dir`, so their
// imports resolve from there like a file of this package would (workspace packages by source).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export interface Snippet {
  /** The virtual file name, `readme-03.tsx`, numbered in order of appearance. */
  name: string;
  code: string;
}

/** The ```ts and ```tsx blocks of `markdown`, numbered in order. */
export function snippetsOf(markdown: string): Snippet[] {
  return [...markdown.matchAll(/```tsx?\n([\s\S]*?)```/g)].map((match, i) => ({
    name: `readme-${String(i + 1).padStart(2, '0')}.tsx`,
    code: match[1] ?? '',
  }));
}

/** The diagnostics of compiling `files` (virtual, in `dir`) with the repository's base options. */
export function typeCheck(dir: string, files: Record<string, string>): string[] {
  const root = join(import.meta.dirname, '..', '..', '..', '..');
  const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(base.config, ts.sys, root);
  const virtual = new Map(Object.entries(files).map(([name, text]) => [join(dir, name), text]));
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
  host.directoryExists = (path) => path === dir || (directoryExists?.call(host, path) ?? true);
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = virtual.get(file);
    return text === undefined
      ? getSourceFile.call(host, file, language, ...rest)
      : ts.createSourceFile(file, text, language, true);
  };
  const program = ts.createProgram([...virtual.keys()], { ...options, noEmit: true }, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || virtual.has(d.file.fileName))
    .map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const name = d.file ? d.file.fileName.slice(dir.length + 1) : '';
      return `${name}:${where ? where.line + 1 : 0}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

/** A README next to this package's `test/`. */
export function readme(packageDir: string): string {
  return readFileSync(join(packageDir, 'README.md'), 'utf8');
}
