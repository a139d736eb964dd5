/** Served by the `engineDts` Vite plugin (./engineDts.ts): engine `.d.ts` files by path under engine/. */
declare module 'virtual:engine-dts' {
  const files: Record<string, string>;
  export default files;
}
