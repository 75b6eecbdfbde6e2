// esbuild emits imported CSS as dist/webview.css next to the bundle.
declare module '*.css';
