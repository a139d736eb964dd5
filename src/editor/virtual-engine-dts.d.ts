/// <reference types="vite-plugin-pwa/react" />
/** Served by the `engineDts` Vite plugin (./engineDts.ts): engine `.d.ts` files by path under engine/. */
declare module 'virtual:engine-dts' {
  const files: Record<string, string>;
  export default files;
}

/** Served by the `prebuiltLayouts` Vite plugin (tools/prebuiltLayouts.ts): the default snippet's graph layouts by DOT text. */
declare module 'virtual:prebuilt-layouts' {
  const layouts: { dot: string; layout: import('../graph/dotLayout').Layout }[];
  export default layouts;
}
