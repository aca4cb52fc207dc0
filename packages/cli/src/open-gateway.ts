import { readFile } from 'node:fs/promises';
import { cryptocardyProvider } from '@cardgw/adapter-cryptocardy';
import { privcardsProvider } from '@cardgw/adapter-privcards';
import { ConfigError, createGateway, type Gateway, type GatewayConfig, gatewayConfigFromEnv } from '@cardgw/core';
import { startSimulators } from './simulators.js';

/** The global options that decide which providers a command talks to. */
export interface GatewaySource {
  /** `--config <file>`: a JSON `GatewayConfig`, as `createGateway` takes it. */
  readonly config?: string | undefined;
  /** `--simulators`: both providers' local simulators, started in this process. */
  readonly simulators?: boolean | undefined;
}

/** A gateway ready for one command, and what to stop afterwards. */
export interface OpenedGateway {
  readonly gateway: Gateway;
  /** Closes the gateway, then the simulators when they were started. */
  close(): Promise<void>;
}

/**
 * Builds the gateway exactly as an application would: `createGateway(config, { providers, env })` with both adapters
 * registered. The config comes from `--config <file>` when given, else from the `CARDGW_*` variables
 * (`gatewayConfigFromEnv`); `{ "env": "NAME" }` references and the adapters' own variables (`PRIVCARDS_API_KEY`,
 * `CRYPTOCARDY_SEED`) are read from `env`. With `--simulators` both are ignored: the simulators' own config is used.
 *
 * Throws `ConfigError` for a missing or unreadable config file, invalid JSON, or anything `createGateway` refuses.
 */
export async function openGateway(
  source: GatewaySource,
  env: Readonly<Record<string, string | undefined>>,
): Promise<OpenedGateway> {
  const providers = [privcardsProvider, cryptocardyProvider];
  if (source.simulators === true) {
    const simulators = await startSimulators();
    try {
      const gateway = createGateway(simulators.config, { providers, env: simulators.env });
      return {
        gateway,
        async close() {
          await gateway.close();
          await simulators.close();
        },
      };
    } catch (error) {
      await simulators.close();
      throw error;
    }
  }
  const config = source.config === undefined ? gatewayConfigFromEnv(env) : await readConfigFile(source.config);
  const gateway = createGateway(config, { providers, env });
  return { gateway, close: () => gateway.close() };
}

/** Reads a JSON gateway config; `createGateway` validates its shape. */
async function readConfigFile(path: string): Promise<GatewayConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigError(`--config ${path}: cannot read the file (${typeof code === 'string' ? code : 'error'})`, {
      option: '--config',
    });
  }
  try {
    return JSON.parse(text) as GatewayConfig;
  } catch {
    // The parser's message quotes the file's text, which may hold a literal secret: say where, not what.
    throw new ConfigError(`--config ${path}: the file is not valid JSON`, { option: '--config' });
  }
}
