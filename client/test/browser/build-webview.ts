/**
 * Builds the webview bundle in memory with the same options as esbuild.mjs, so browser tests
 * and screenshots use the current sources whatever the state of dist/.
 */
import * as esbuild from 'esbuild';
import { join } from 'node:path';

export interface BuiltWebview {
  script: string;
  style: string;
}

/** dist/webview.js and dist/webview.css as esbuild would write them. */
export async function buildWebview(root = process.cwd()): Promise<BuiltWebview> {
  const out = await esbuild.build({
    entryPoints: [join(root, 'client/src/webview/main.ts')],
    outfile: join(root, 'out/webview.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    define: { __THREADSCAPE_VERSION__: '"test"' },
    write: false,
    logLevel: 'silent',
  });
  const text = (ext: string): string => out.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { script: text('.js'), style: text('.css') };
}
