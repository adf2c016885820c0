// Type-checks the code blocks of Markdown pages (the docs site's guides, the package READMEs) as
// they are written, each as its own module of one program, without writing them to disk: the
// compiler host serves them at virtual paths in `dir`, so their imports resolve from there like a
// file of the repository would (workspace packages by source, through the `@didit-kit/source`
// condition of tsconfig.base.json).
//
// A page can say a little about a block in an HTML comment right before it (invisible on the page):
//   <!-- snippet: file=lib/didit.ts -->        the block is that file (others import it by that path)
//   <!-- snippet: context=declare const sessionId: string; -->   code the block assumes is in scope
//   <!-- snippet: skip=why -->                  not checked (say why)
//   <!-- snippet: fails=message -->             code of an older release: not checked with the rest;
//                                               a test checks that it fails with that message
// and a page can add a file of the reader's app that another page shows (a hidden stub):
//   <!-- snippet-file: components/verification-result.tsx
//   export function VerificationResult(_: { sessionId: string | undefined }) { return null; }
//   -->
// A block whose first line is a comment naming a file (`// app/api/didit/[...path]/route.ts`) is that
// file too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export interface Snippet {
  /** The virtual file name: the file the block names, else `snippet-03.tsx`, numbered in order of appearance. */
  name: string;
  code: string;
  /** The line of the opening fence in the page, 1-based. */
  line: number;
  /** Why the page says not to check it, if it does. */
  skip?: string;
  /** The compiler's message this block must fail with (code of an older release), if it is one. */
  fails?: string;
}

const FENCE = /^```(tsx?|typescript)(?:[ \t][^\n]*)?\n([\s\S]*?)^```/gm;
const DIRECTIVE = /<!--\s*snippet:\s*(file|context|skip|fails)=([\s\S]*?)\s*-->\s*$/;
const FILE_COMMENT = /^\/\/ ((?:[\w@.[\]-]+\/)*[\w.[\]-]+\.(?:tsx?|mts))(?:\s|$)/;

const HIDDEN_FILE = /<!--\s*snippet-file:\s*(\S+)\n([\s\S]*?)-->/g;

/**
 * The ```ts and ```tsx blocks of `markdown` (titles such as ```ts [server.ts] allowed), numbered in order,
 * then the hidden files the page adds.
 */
export function snippetsOf(markdown: string): Snippet[] {
  const hidden = [...markdown.matchAll(HIDDEN_FILE)].map((match) => ({
    name: match[1] ?? '',
    code: match[2] ?? '',
    line: markdown.slice(0, match.index).split('\n').length,
  }));
  return [...blocksOf(markdown), ...hidden];
}

function blocksOf(markdown: string): Snippet[] {
  return [...markdown.matchAll(FENCE)].map((match, i) => {
    const before = markdown.slice(0, match.index);
    const line = before.split('\n').length;
    const directives: Record<string, string> = {};
    // The comments directly above the fence (blank lines allowed between them).
    for (const previous of before.trimEnd().split('\n').reverse()) {
      const found = DIRECTIVE.exec(previous.trim());
      if (found) directives[found[1] ?? ''] = found[2] ?? '';
      else if (previous.trim() !== '') break;
    }
    const code = match[2] ?? '';
    const named = directives.file ?? FILE_COMMENT.exec(code)?.[1];
    const extension = match[1] === 'tsx' ? 'tsx' : 'ts';
    return {
      name: named ?? `snippet-${String(i + 1).padStart(2, '0')}.${extension}`,
      code: directives.context ? `${directives.context}\n${code}` : code,
      line,
      ...(directives.skip ? { skip: directives.skip } : {}),
      ...(directives.fails ? { fails: directives.fails } : {}),
    };
  });
}

export interface TypeCheckOptions {
  /** Extra path mappings, e.g. `{ '@/*': ['<dir>/*'] }` for create-next-app's alias. */
  paths?: Record<string, string[]>;
}

/** The diagnostics of compiling `files` (virtual, in `dir`) with the repository's base options. */
export function typeCheck(dir: string, files: Record<string, string>, extra: TypeCheckOptions = {}): string[] {
  const root = join(import.meta.dirname, '..', '..', '..');
  const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile);
  const { options: parsed } = ts.parseJsonConfigFileContent(base.config, ts.sys, root);
  const options: ts.CompilerOptions = { ...parsed, noEmit: true, ...(extra.paths ? { paths: extra.paths } : {}) };
  const virtual = new Map(Object.entries(files).map(([name, text]) => [join(dir, name), text]));
  const folders = new Set([...virtual.keys()].flatMap((file) => parents(file, dir)));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
  host.directoryExists = (path) => folders.has(path) || (directoryExists?.call(host, path) ?? true);
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = virtual.get(file);
    if (text !== undefined) return ts.createSourceFile(file, text, language, true);
    const cached = sourceFiles.get(file);
    if (cached) return cached;
    const parsedFile = getSourceFile.call(host, file, language, ...rest);
    if (parsedFile) sourceFiles.set(file, parsedFile);
    return parsedFile;
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  // Only the snippets' own diagnostics: checking them checks what they use of the packages, and no
  // more (the packages' whole sources are their own projects' business, and cost seconds each time).
  const snippetFiles = program.getSourceFiles().filter((file) => virtual.has(file.fileName));
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...snippetFiles.flatMap((file) => [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ]),
  ];
  return diagnostics
    .filter((d) => d.file === undefined || virtual.has(d.file.fileName))
    .map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const name = d.file ? d.file.fileName.slice(dir.length + 1) : '';
      return `${name}:${where ? where.line + 1 : 0}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

/** The repository's own files, parsed once for every program of a test run. */
const sourceFiles = new Map<string, ts.SourceFile>();

/** `dir` and every folder between it and `file`. */
function parents(file: string, dir: string): string[] {
  const folders = [dir];
  let current = file.slice(0, file.lastIndexOf('/'));
  while (current.length > dir.length) {
    folders.push(current);
    current = current.slice(0, current.lastIndexOf('/'));
  }
  return folders;
}

/** A README next to a package's `test/`. */
export function readme(packageDir: string): string {
  return readFileSync(join(packageDir, 'README.md'), 'utf8');
}
