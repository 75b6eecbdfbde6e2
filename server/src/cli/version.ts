/** Injected by esbuild from package.json; falls back for tests run from source. */
declare const __THREADSCAPE_VERSION__: string | undefined;
export const VERSION: string = typeof __THREADSCAPE_VERSION__ === 'string' ? __THREADSCAPE_VERSION__ : '0.0.0-dev';
