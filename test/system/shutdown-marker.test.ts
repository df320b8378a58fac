import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { LogDestination, LogSidecar, SidecarMode } from '../../src';

/**
 * The shutdown-marker mode's generated shell loop, run for real under /bin/sh with a stand-in shipper: it
 * polls the marker once a second, so each case takes about a second, which is why it is a system test
 * (test/patterns/log-sidecar/sidecar-mode.test.ts checks the command's shape and its syntax with `sh -n`).
 */
function shipperCommand(mode: SidecarMode): string {
  const chart = Testing.chart();
  const app = { name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 }, command: ['sh', '-c', 'touch /var/log/.app-done'] };
  const job = new kplus.Job(chart, 'job', { containers: [app], activeDeadline: Duration.hours(1) });
  LogSidecar.addTo(job, { destination: LogDestination.stdout(), mode });
  return Testing.synth(chart).find((d) => d.kind === 'Job').spec.template.spec.containers[1].command[2];
}

test('the generated command really stops the shipper when the marker appears, with exit code 0', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marker-'));
  const script = shipperCommand(SidecarMode.shutdownMarker({ graceSeconds: 0 })).replace("'/var/log/.app-done'", `'${dir}/.app-done'`);
  const fakeShipper = ['sh', '-c', `trap 'echo flushed > ${dir}/flushed; exit 143' TERM; while true; do sleep 0.1; done`];
  const started = Date.now();
  const run = new Promise<{ code: number | null }>((resolve) => {
    const child = execFile('/bin/sh', ['-c', script, 'log-shipper', ...fakeShipper], () => undefined);
    child.on('exit', (code) => resolve({ code }));
  });
  setTimeout(() => fs.writeFileSync(path.join(dir, '.app-done'), ''), 300);
  const { code } = await run;
  expect(code).toBe(0);
  expect(fs.readFileSync(path.join(dir, 'flushed'), 'utf-8')).toBe('flushed\n');
  expect(Date.now() - started).toBeLessThan(10_000);
  fs.rmSync(dir, { recursive: true });
}, 15_000);

test('the generated command passes on a shipper failure instead of waiting forever', async () => {
  const code = await new Promise<number | null>((resolve) => {
    const child = execFile('/bin/sh', ['-c', shipperCommand(SidecarMode.shutdownMarker()), 'log-shipper', 'sh', '-c', 'exit 3'], () => undefined);
    child.on('exit', resolve);
  });
  expect(code).toBe(3);
}, 15_000);
