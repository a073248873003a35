import { describe, expect, it } from 'vitest';
import { SetupError } from '../platform/setup-error.ts';
import type * as FakeSimulator from '../../test/platform/fixtures/fake-simulator.ts';
import type * as MisshapenSimulator from '../../test/platform/fixtures/misshapen-simulator.ts';
import { startEmbeddedSimulator } from './embedded-simulator.ts';

const fixture = (name: string) => new URL(`../../test/platform/fixtures/${name}`, import.meta.url).href;
const options = { size: 'tiny' as const, seed: 7, dataDir: '/tmp/sim' };

describe('startEmbeddedSimulator', () => {
  it('starts the module it is given and hands back its URLs and stop', async () => {
    const url = fixture('fake-simulator.ts');
    const { calls } = (await import(url)) as typeof FakeSimulator;
    const simulator = await startEmbeddedSimulator(options, url);
    expect(calls.started.at(-1)).toEqual(options);
    expect(simulator).toMatchObject({
      sys97Url: 'postgres://sim:simpw@127.0.0.1:15432/sys97',
      billingUrl: 'postgres://sim:simpw@127.0.0.1:15433/billing',
      cs1000WsdlUrl: 'http://127.0.0.1:18080/VIP1000?wsdl',
      adminUrl: 'http://127.0.0.1:18081',
    });
    const before = calls.stopped;
    await simulator.stop();
    expect(calls.stopped).toBe(before + 1);
  });

  it('says plainly when simulator/index.ts is not in the checkout, and what to do instead', async () => {
    const missing = fixture('no-such-simulator/index.ts');
    const failure = startEmbeddedSimulator(options, missing);
    await expect(failure).rejects.toBeInstanceOf(SetupError);
    await expect(failure).rejects.toThrow(/no-such-simulator\/index\.ts does not exist/);
    await expect(failure).rejects.toThrow(/SYS97_URL, BILLING_URL, CS1000_WSDL_URL/);
  });

  it('names the fields of a handle it cannot use, and stops that simulator', async () => {
    const url = fixture('misshapen-simulator.ts');
    const { calls } = (await import(url)) as typeof MisshapenSimulator;
    const failure = startEmbeddedSimulator(options, url);
    await expect(failure).rejects.toThrow(/bad or missing sys97, billing\.url, cs1000\.wsdlUrl, stop/);
    await expect(failure).rejects.toThrow(/it has: sys97Url, billing, cs1000, close/);
    expect(calls.stopped).toBe(1);
  });
});
