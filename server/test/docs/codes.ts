/**
 * The diagnostic codes the project can emit, read from its source with the TypeScript parser:
 * string literals given as a diagnostic's `code` (an object literal's `code:` property, or the
 * `code` parameter of a function that builds a diagnostic), the string-literal members of a
 * type alias named `…Code`, and constants named `…_CODE`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { filesUnder, ROOT } from './markdown';

const KEBAB = /^[a-z]+(-[a-z]+)*$/;

function sourceFiles(): ts.SourceFile[] {
  return filesUnder('server/src', (n) => n.endsWith('.ts')).map((f) =>
    ts.createSourceFile(f, readFileSync(join(ROOT, f), 'utf8'), ts.ScriptTarget.ES2022, true),
  );
}

/** Names of the functions (declared or assigned) whose first parameter is called `code`. */
function codeBuilders(files: ts.SourceFile[]): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    const fn =
      ts.isFunctionDeclaration(n) && n.name
        ? { name: n.name.text, params: n.parameters }
        : ts.isVariableDeclaration(n) &&
            ts.isIdentifier(n.name) &&
            n.initializer &&
            (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))
          ? { name: n.name.text, params: n.initializer.parameters }
          : null;
    const first = fn?.params[0]?.name;
    if (fn && first && ts.isIdentifier(first) && first.text === 'code') out.add(fn.name);
    ts.forEachChild(n, visit);
  };
  files.forEach(visit);
  return out;
}

/** Every code found, sorted. */
export function emittedCodes(): string[] {
  const files = sourceFiles();
  const builders = codeBuilders(files);
  const codes = new Set<string>();
  const literal = (e: ts.Node | undefined): void => {
    if (e && ts.isStringLiteral(e) && KEBAB.test(e.text)) codes.add(e.text);
  };
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'code') literal(n.initializer);
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && builders.has(n.expression.text))
      literal(n.arguments[0]);
    if (ts.isTypeAliasDeclaration(n) && /Code$/.test(n.name.text)) {
      const members = ts.isUnionTypeNode(n.type) ? n.type.types : [n.type];
      for (const m of members) if (ts.isLiteralTypeNode(m)) literal(m.literal);
    }
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && /_CODE$/.test(n.name.text)) literal(n.initializer);
    ts.forEachChild(n, visit);
  };
  files.forEach(visit);
  return [...codes].sort();
}
