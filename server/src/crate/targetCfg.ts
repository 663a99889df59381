/**
 * The `cfg` set of the target being checked, read from its target triple (`x86_64-unknown-linux-gnu`), as
 * `rustc --print cfg --target <triple>` prints it for a dev build. The default target is the host platform;
 * `rustPluginGuard.target` / `--target` choose another. Exported for every part of the engine that must see
 * one build: the crate model drops `#[cfg]`-off items with it, and the header reader can pick the `#if`
 * branches of the same platform (`cfgValue(target, 'target_os')`).
 *
 * A key this module cannot tell for a triple (`target_feature`, `target_has_atomic`, an exotic `target_env`)
 * is absent: a predicate on it is unknown, and an unknown predicate never removes an item.
 */
export interface TargetCfg {
  triple: string;
  /** `target_os` → {"linux"}; `target_family` may hold two values (emscripten: "unix" and "wasm"). */
  values: ReadonlyMap<string, ReadonlySet<string>>;
  /** Bare names that are set (`unix`, `windows`, `debug_assertions`). */
  names: ReadonlySet<string>;
  /** Bare names known to be unset in this build (`test`, `windows` on Linux, `miri`). */
  unsetNames: ReadonlySet<string>;
}

const ARCHES: [RegExp, string][] = [
  [/^x86_64h?$/, 'x86_64'],
  [/^i[3-6]86$/, 'x86'],
  [/^(aarch64|arm64)(_be)?$/, 'aarch64'],
  [/^arm64ec$/, 'arm64ec'],
  [/^(arm|armeb|armv\d\w*|thumbv\d\w*)$/, 'arm'],
  [/^riscv64\w*$/, 'riscv64'],
  [/^riscv32\w*$/, 'riscv32'],
  [/^wasm32$/, 'wasm32'],
  [/^wasm64$/, 'wasm64'],
  [/^powerpc64(le)?$/, 'powerpc64'],
  [/^powerpc$/, 'powerpc'],
  [/^mips64(el)?(r6)?$/, 'mips64'],
  [/^mips(el)?$/, 'mips'],
  [/^s390x$/, 's390x'],
  [/^loongarch64$/, 'loongarch64'],
  [/^sparc64$/, 'sparc64'],
];

const BIG_ENDIAN = /^(powerpc|powerpc64|s390x|mips|mips64|mips64r6|sparc64|aarch64_be|armeb\w*)$/;

/** The OS word of a triple → `target_os`. */
const OSES: Record<string, string> = {
  linux: 'linux', windows: 'windows', darwin: 'macos', macos: 'macos', ios: 'ios', tvos: 'tvos', watchos: 'watchos', visionos: 'visionos',
  android: 'android', androideabi: 'android', freebsd: 'freebsd', netbsd: 'netbsd', openbsd: 'openbsd', dragonfly: 'dragonfly',
  solaris: 'solaris', illumos: 'illumos', fuchsia: 'fuchsia', redox: 'redox', haiku: 'haiku', emscripten: 'emscripten', none: 'none',
  uefi: 'uefi', hermit: 'hermit', aix: 'aix', hurd: 'hurd', wasi: 'wasi', wasip1: 'wasi', wasip2: 'wasi',
};

const UNIX_OSES = new Set(['linux', 'macos', 'ios', 'tvos', 'watchos', 'visionos', 'android', 'freebsd', 'netbsd', 'openbsd', 'dragonfly', 'solaris', 'illumos', 'fuchsia', 'redox', 'haiku', 'emscripten', 'aix', 'hurd']);

const VENDORS = new Set(['unknown', 'pc', 'apple', 'uwp', 'fortanix', 'nvidia', 'sun', 'wrs', 'kmc', 'nintendo', 'sony', 'espressif', 'win7']);

/** The environment word after the OS → `target_env` (`gnueabihf` → "gnu"). */
function envOf(word: string | undefined, os: string): string | undefined {
  if (word === undefined) return os === 'wasi' ? undefined : '';
  if (/^gnu/.test(word)) return 'gnu';
  if (/^musl/.test(word)) return 'musl';
  if (word === 'msvc') return 'msvc';
  if (word === 'eabi' || word === 'eabihf') return '';
  return undefined;
}

/** Reads a target triple; keys it cannot tell are left out (unknown). */
export function targetCfg(triple: string): TargetCfg {
  const values = new Map<string, Set<string>>();
  const names = new Set<string>(['debug_assertions']);
  const unsetNames = new Set<string>(['test', 'doc', 'doctest', 'miri', 'proc_macro']);
  const set = (key: string, ...vals: string[]) => values.set(key, new Set(vals));
  const parts = triple.trim().toLowerCase().split('-');
  const archWord = parts[0] ?? '';
  const arch = ARCHES.find(([pattern]) => pattern.test(archWord))?.[1];
  const rest = parts.slice(1);
  // The last OS word wins: `aarch64-linux-android` is Android.
  const osIndex = rest.map((word) => OSES[word] !== undefined).lastIndexOf(true);
  const os = osIndex >= 0 ? OSES[rest[osIndex]] : archWord.startsWith('wasm') && rest.join('-') === 'unknown-unknown' ? 'unknown' : undefined;
  const envWord = osIndex >= 0 ? rest[osIndex + 1] : undefined;
  if (arch) {
    set('target_arch', arch);
    set('target_endian', BIG_ENDIAN.test(archWord) ? 'big' : 'little');
    const ilp32 = envWord === 'gnux32' || envWord === 'gnu_ilp32';
    const wide = /^(x86_64|aarch64|arm64ec|riscv64|wasm64|powerpc64|mips64|s390x|loongarch64|sparc64)$/.test(arch);
    set('target_pointer_width', wide && !ilp32 ? '64' : '32');
  }
  if (os !== undefined) {
    set('target_os', os);
    const families = [...(UNIX_OSES.has(os) ? ['unix'] : []), ...(os === 'windows' ? ['windows'] : []), ...(arch?.startsWith('wasm') ? ['wasm'] : [])];
    set('target_family', ...families);
    for (const family of ['unix', 'windows']) {
      if (families.includes(family)) names.add(family);
      else unsetNames.add(family);
    }
    const env = os === 'android' || os === 'macos' || os === 'ios' ? (envWord === undefined || envWord === 'eabi' ? '' : envOf(envWord, os)) : envOf(envWord, os);
    if (env !== undefined) set('target_env', env);
    const vendorWord = osIndex > 0 ? rest[0] : osIndex === 0 ? 'unknown' : rest[0];
    if (vendorWord && VENDORS.has(vendorWord)) set('target_vendor', vendorWord === 'uwp' || vendorWord === 'win7' ? 'pc' : vendorWord);
  }
  return { triple, values, names, unsetNames };
}

/** The triple of the platform the engine runs on (what `cargo build` builds for without `--target`). */
export function hostTriple(platform: string = process.platform, arch: string = process.arch, glibc = hasGlibc()): string {
  const cpu = ({ x64: 'x86_64', arm64: 'aarch64', ia32: 'i686', arm: 'armv7', riscv64: 'riscv64gc', ppc64: 'powerpc64le', s390x: 's390x', loong64: 'loongarch64' } as Record<string, string>)[arch] ?? arch;
  switch (platform) {
    case 'win32':
      return `${cpu}-pc-windows-msvc`;
    case 'darwin':
      return `${cpu}-apple-darwin`;
    case 'linux':
      return `${cpu}-unknown-linux-${glibc ? 'gnu' : 'musl'}${cpu === 'armv7' ? 'eabihf' : ''}`;
    default:
      return `${cpu}-unknown-${platform}`;
  }
}

function hasGlibc(): boolean {
  const report = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  return report?.glibcVersionRuntime !== undefined;
}

let host: TargetCfg | undefined;

/** The host's cfg set (computed once). */
export function hostTargetCfg(): TargetCfg {
  host ??= targetCfg(hostTriple());
  return host;
}

/** The one value of a key (`target_os` → "linux"), or undefined when unknown or several. */
export function cfgValue(target: TargetCfg, key: string): string | undefined {
  const found = target.values.get(key);
  return found?.size === 1 ? [...found][0] : undefined;
}
