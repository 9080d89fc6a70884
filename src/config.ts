// The --config file (JSON or YAML): options merged once here, flags over config over defaults.
import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from './errors.js';
import { datasets, datasetTitles, normaliseHeader } from './datasets.js';
import type { DatasetName } from './model.js';
import { buildHeaderIndex, type HeaderMap } from './read/table.js';
import { configValidator } from './validate/schemas.js';
import { DEFAULT_PARAMETERS, type Parameters } from './checks/parameters.js';
import type { Limits } from './limits.js';

export type FailOn = 'fail' | 'warn' | 'no-data';

export interface Config {
  readonly headers: Partial<Record<DatasetName, HeaderMap>>;
  /** The rule pack's parameters: defaults with the config's values laid over them. */
  readonly params: Parameters;
  readonly failOn: FailOn | null;
  readonly limits: Partial<Limits>;
  /** The waivers file (#16.1), resolved against the config file's folder; null when none. */
  readonly waivers: string | null;
}

export const emptyConfig: Config = { headers: {}, params: DEFAULT_PARAMETERS, failOn: null, limits: {}, waivers: null };

export async function loadConfig(path: string | undefined): Promise<Config> {
  if (!path) return emptyConfig;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError({
      zh: `${path}：无法读取配置文件（${(error as NodeJS.ErrnoException).code ?? ''}）`,
      en: `${path}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? ''})`,
    });
  }
  let data: unknown;
  try {
    data = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    const first = (error as Error).message.split('\n')[0];
    throw new ConfigError({ zh: `${path}：配置文件格式错误：${first}`, en: `${path}: invalid config file: ${first}` });
  }
  data ??= {};
  const validate = configValidator();
  if (!validate(data)) {
    const error = validate.errors?.[0];
    const at = error?.instancePath || '/';
    const detail =
      error?.keyword === 'additionalProperties' ? `unknown key "${(error.params as { additionalProperty: string }).additionalProperty}"` : (error?.message ?? '');
    throw new ConfigError({ zh: `${path}：配置无效（${at}：${detail}）`, en: `${path}: invalid config (${at}: ${detail})` });
  }
  const config = data as { headers?: Config['headers']; parameters?: Partial<Parameters>; failOn?: FailOn; limits?: Partial<Limits>; waivers?: string };
  const given = config.parameters ?? {};
  const params: Parameters = {
    ...DEFAULT_PARAMETERS,
    ...given,
    staffing: { ...DEFAULT_PARAMETERS.staffing, ...(given.staffing ?? {}) },
    warrantyMonths: { ...DEFAULT_PARAMETERS.warrantyMonths, ...(given.warrantyMonths ?? {}) },
  };
  return {
    headers: resolveHeaders(path, config.headers ?? {}),
    params,
    failOn: config.failOn ?? null,
    limits: config.limits ?? {},
    waivers: config.waivers ? resolve(dirname(path), config.waivers) : null,
  };
}

/**
 * The config's header mappings with every target turned into its key: a target may be the key
 * (receivedAt), the Chinese header (受理时间) or an alias (投诉日期). An unknown one is an error, never
 * silently dropped: the file would otherwise be read as if the mapping were not there.
 */
function resolveHeaders(path: string, given: Config['headers']): Config['headers'] {
  const resolved: Partial<Record<DatasetName, HeaderMap>> = {};
  for (const [name, map] of Object.entries(given) as [DatasetName, HeaderMap][]) {
    const def = datasets[name];
    const index = buildHeaderIndex(def);
    const keys: Record<string, string> = {};
    for (const [header, target] of Object.entries(map)) {
      const key = index.byHeader.get(normaliseHeader(target))?.column.key;
      if (key === undefined) {
        const valid = def.columns.map((c) => `${c.header} (${c.key})`);
        throw new ConfigError({
          zh: `${path}：headers.${name} 中的「${header}: ${target}」：「${target}」不是${datasetTitles[name].zh}的列；可用的目标（中文表头或英文键）：${valid.join('、')}`,
          en: `${path}: headers.${name} entry "${header}: ${target}": "${target}" is not a column of the ${datasetTitles[name].en}; valid targets (Chinese header or key): ${valid.join(', ')}`,
        });
      }
      keys[header] = key;
    }
    resolved[name] = keys;
  }
  return resolved;
}
