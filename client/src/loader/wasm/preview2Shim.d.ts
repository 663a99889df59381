// The part of @bytecodealliance/preview2-shim the wasm child uses. The package is not hoisted in node_modules
// (only jco's and jco-transpile's copies exist), so the build resolves it through jco-transpile's folder
// (scripts/build.mjs, nodePaths): the child and jco's wasm-tools then share one instance of it.
declare module '@bytecodealliance/preview2-shim' {
  /** The WASI interfaces of a package, by lowerCamel interface name (`environment`, `streams`, …). */
  type Interfaces = Record<string, unknown>;
  export const cli: Interfaces & {
    _setEnv(env: Record<string, string>): void;
    _setArgs(args: string[]): void;
  };
  export const clocks: Interfaces;
  export const filesystem: Interfaces & {
    /** Replaces every preopened directory: virtual path → host path. */
    _setPreopens(preopens: Record<string, string>): void;
  };
  export const io: Interfaces;
  export const random: Interfaces;
  export const sockets: Interfaces;
  export const http: Interfaces;
}
