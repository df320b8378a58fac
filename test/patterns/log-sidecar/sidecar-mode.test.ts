import { ApiObject, Cron, Duration, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { LogDestination, LogSidecar, SidecarMode } from '../../../src';
import { expectSchemaValid } from '../../_support/schema';
import { unknownFields } from '../../_support/strict-schema';

const app = { name: 'app', image: 'busybox:1.36.1', securityContext: { user: 1000 }, command: ['sh', '-c', 'echo done >> /var/log/app.log; touch /var/log/.app-done'] };

// Every Job here has a deadline, which the shutdown-marker mode requires (see "active deadlines" below).
function jobDocs(mode: SidecarMode, destination = LogDestination.stdout()) {
  const chart = Testing.chart();
  const job = new kplus.Job(chart, 'job', { containers: [app], activeDeadline: Duration.hours(1) });
  LogSidecar.addTo(job, { destination, mode });
  return Testing.synth(chart);
}

describe('SidecarMode.NATIVE', () => {
  test('puts the shipper first among the init containers, as a native sidecar, on a Job', () => {
    const docs = jobDocs(SidecarMode.NATIVE);
    const spec = docs.find((d) => d.kind === 'Job').spec.template.spec;
    expect(spec.containers.map((c: any) => c.name)).toEqual(['app']);
    expect(spec.initContainers.map((c: any) => [c.name, c.restartPolicy])).toEqual([['log-shipper', 'Always']]);
    expect(spec.initContainers[0].volumeMounts[0]).toEqual({ name: 'app-logs', mountPath: '/var/log', readOnly: true });
    expectSchemaValid(docs);
    expect(docs.flatMap((d) => unknownFields(d, '1.33'))).toEqual([]);
  });

  test('works on a CronJob, before its init steps', () => {
    const chart = Testing.chart();
    const cron = new kplus.CronJob(chart, 'cron', { schedule: Cron.daily(), containers: [app], initContainers: [{ name: 'prepare', image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
    LogSidecar.addTo(cron, { destination: LogDestination.stdout(), mode: SidecarMode.NATIVE });
    const spec = Testing.synth(chart).find((d) => d.kind === 'CronJob').spec.jobTemplate.spec.template.spec;
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(['log-shipper', 'prepare']);
  });
});

describe('SidecarMode.shutdownMarker', () => {
  test('runs Fluent Bit from its debug image under a loop that waits for the marker', () => {
    const spec = jobDocs(SidecarMode.shutdownMarker()).find((d) => d.kind === 'Job').spec.template.spec;
    const sidecar = spec.containers[1];
    expect(sidecar.image).toBe('fluent/fluent-bit:3.2.10-debug');
    expect(sidecar.command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(sidecar.command[2]).toContain("while [ ! -e '/var/log/.app-done' ]");
    expect(sidecar.args).toEqual(['/fluent-bit/bin/fluent-bit', '--config', '/fluent-bit/etc/pod-patterns/fluent-bit.conf']);
  });

  test.each([
    [{ markerFile: 'done.log' }, 'matches the log file pattern "*.log"'],
    [{ markerFile: '../done' }, 'must be a file name'],
    [{ graceSeconds: -1 }, 'must be a whole number of seconds'],
  ])('rejects %j', (options, problem) => {
    expect(() => jobDocs(SidecarMode.shutdownMarker(options))).toThrow(problem);
  });

  test('needs the command line of a custom shipper', () => {
    expect(() => jobDocs(SidecarMode.shutdownMarker(), LogDestination.custom({ image: 'registry.example.com/shipper:1.0.0', securityContext: { user: 10001 } })))
      .toThrow("mode: the shutdown-marker handshake needs the shipper's command line");
  });
});

describe('active deadlines for the shutdown marker', () => {
  const marker = SidecarMode.shutdownMarker();
  const synthWith = (make: (chart: any) => kplus.AbstractPod) => {
    const chart = Testing.chart();
    LogSidecar.addTo(make(chart), { destination: LogDestination.stdout(), mode: marker });
    return Testing.synth(chart);
  };

  test.each([
    ['Job', (c: any) => new kplus.Job(c, 'w', { containers: [app] }), 'spec.activeDeadlineSeconds', 'set activeDeadline on the Job'],
    ['CronJob', (c: any) => new kplus.CronJob(c, 'w', { schedule: Cron.daily(), containers: [app] }), 'spec.jobTemplate.spec.activeDeadlineSeconds', 'set activeDeadline on the CronJob'],
    ['Pod with restartPolicy Never', (c: any) => new kplus.Pod(c, 'w', { containers: [app], restartPolicy: kplus.RestartPolicy.NEVER }), 'spec.activeDeadlineSeconds', "JsonPatch.add('/spec/activeDeadlineSeconds', 3600)"],
    ['Pod with restartPolicy OnFailure', (c: any) => new kplus.Pod(c, 'w', { containers: [app], restartPolicy: kplus.RestartPolicy.ON_FAILURE }), 'spec.activeDeadlineSeconds', 'spec.activeDeadlineSeconds'],
  ])('a %s without a deadline is refused at synth, naming both fixes', (_kind, make, field, fix) => {
    let message = '';
    try {
      synthWith(make);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(`[test/w] error shutdown-marker-deadline ${field}: Required value: with SidecarMode.shutdownMarker() the shipper exits only when the app creates the marker`);
    expect(message).toContain(fix);
    expect(message).toContain('or use mode: SidecarMode.NATIVE');
  });

  test.each([
    ['a Job with activeDeadline', (c: any) => new kplus.Job(c, 'w', { containers: [app], activeDeadline: Duration.minutes(30) }), 'Job', ['spec', 'activeDeadlineSeconds'], 1800],
    ['a CronJob with activeDeadline', (c: any) => new kplus.CronJob(c, 'w', { schedule: Cron.daily(), containers: [app], activeDeadline: Duration.minutes(30) }), 'CronJob', ['spec', 'jobTemplate', 'spec', 'activeDeadlineSeconds'], 1800],
    ['a Job whose pod template has a deadline (set by a patch)', (c: any) => {
      const job = new kplus.Job(c, 'w', { containers: [app] });
      ApiObject.of(job).addJsonPatch(JsonPatch.add('/spec/template/spec/activeDeadlineSeconds', 600));
      return job;
    }, 'Job', ['spec', 'template', 'spec', 'activeDeadlineSeconds'], 600],
    // Its patch is added below, after LogSidecar.addTo: the rule reads the finished manifest.
    ['a Pod with restartPolicy Never and a deadline patched in after the sidecar', (c: any) => new kplus.Pod(c, 'w', { containers: [app], restartPolicy: kplus.RestartPolicy.NEVER }),
      'Pod', ['spec', 'activeDeadlineSeconds'], 900],
  ])('%s is accepted', (_what, make, kind, path, seconds) => {
    const chart = Testing.chart();
    const workload = make(chart);
    LogSidecar.addTo(workload, { destination: LogDestination.stdout(), mode: marker });
    if (kind === 'Pod') ApiObject.of(workload).addJsonPatch(JsonPatch.add('/spec/activeDeadlineSeconds', 900));
    const doc = Testing.synth(chart).find((d) => d.kind === kind);
    expect(path.reduce((node: any, key) => node[key], doc)).toBe(seconds);
  });

  test.each([
    ['Deployment', (c: any) => new kplus.Deployment(c, 'w', { containers: [app] })],
    ['StatefulSet', (c: any) => new kplus.StatefulSet(c, 'w', { containers: [{ ...app, ports: [{ number: 8080 }] }] })],
    ['DaemonSet', (c: any) => new kplus.DaemonSet(c, 'w', { containers: [app] })],
    ['Pod with restartPolicy Always', (c: any) => new kplus.Pod(c, 'w', { containers: [app] })],
  ])('is refused on a %s: restarted, the sidecar would find the marker and exit again and again', (_kind, make) => {
    expect(() => synthWith(make)).toThrow(/test\/w: mode: the shutdown marker is for pods that run to completion.*Fix: use the default SidecarMode\.CLASSIC here.*\[shutdown-marker-restart-policy\]/);
  });
});

describe('classic sidecars on Jobs', () => {
  test('are refused with an error that names both ways out', () => {
    expect(() => jobDocs(SidecarMode.CLASSIC)).toThrow(/never complete\. Fix: choose mode: SidecarMode\.NATIVE .*or mode: SidecarMode\.shutdownMarker\(\)/);
  });
});

describe('values that are not a SidecarMode', () => {
  test.each([
    ['a plain object that looks like NATIVE', { kind: 'native' }, 'a plain object {"kind":"native"}'],
    ['a plain object that copies a real mode\'s fields', { ...SidecarMode.shutdownMarker() }, 'a plain object'],
    ['the string "native"', 'native', '"native"'],
    ['null', null, 'null'],
  ])('%s is refused on a Job, naming the valid choices', (_what, mode, shown) => {
    expect(() => jobDocs(mode as any)).toThrow(
      `test/job: mode: Unsupported value ${shown}`,
    );
    expect(() => jobDocs(mode as any)).toThrow(
      /supported values: SidecarMode\.CLASSIC, SidecarMode\.NATIVE, SidecarMode\.shutdownMarker\(.*\[sidecar-mode\]$/,
    );
  });

  test('a look-alike is refused on a Deployment too, where it would not hang anything', () => {
    const chart = Testing.chart();
    const web = new kplus.Deployment(chart, 'web', { containers: [app] });
    expect(() => LogSidecar.addTo(web, { destination: LogDestination.stdout(), mode: { kind: 'classic' } as any })).toThrow('[sidecar-mode]');
  });

  test('the real modes are recognised, look-alikes are not', () => {
    expect([SidecarMode.CLASSIC, SidecarMode.NATIVE, SidecarMode.shutdownMarker()].map(SidecarMode.isSidecarMode)).toEqual([true, true, true]);
    expect([{ kind: 'native' }, 'native', undefined, null, 0].map(SidecarMode.isSidecarMode)).toEqual([false, false, false, false, false]);
  });

  test('a structural look-alike does not type-check (checked by tsc in npm test)', () => {
    // @ts-expect-error: SidecarMode has a private member, so an object literal is not assignable to it.
    const lookAlike: SidecarMode = { kind: 'native' };
    expect(SidecarMode.isSidecarMode(lookAlike)).toBe(false);
  });
});

describe('shutdown marker quoting', () => {
  test('a log directory with a quote still gives a command the shell accepts', () => {
    const chart = Testing.chart();
    const job = new kplus.Job(chart, 'job', { containers: [app], activeDeadline: Duration.hours(1) });
    LogSidecar.addTo(job, { destination: LogDestination.stdout(), logDirectory: "/var/log/it's here", mode: SidecarMode.shutdownMarker() });
    const script = Testing.synth(chart).find((d) => d.kind === 'Job').spec.template.spec.containers[1].command[2];
    expect(script).toContain(`'/var/log/it'\\''s here/.app-done'`);
    expect(() => require('child_process').execFileSync('/bin/sh', ['-n', '-c', script])).not.toThrow();
  });
});

describe('sidecar probes', () => {
  test('a native log sidecar carries its startup probe, a classic one too', () => {
    const probe = kplus.Probe.fromCommand(['test', '-d', '/var/log']);
    const native = jobDocs(SidecarMode.NATIVE).find((d) => d.kind === 'Job');
    expect(native.spec.template.spec.initContainers[0].startupProbe).toBeUndefined();
    const chart = Testing.chart();
    const job = new kplus.Job(chart, 'job', { containers: [app] });
    LogSidecar.addTo(job, { destination: LogDestination.stdout(), mode: SidecarMode.NATIVE, sidecarProbes: { startup: probe } });
    const deployment = new kplus.Deployment(chart, 'web', { containers: [app] });
    LogSidecar.addTo(deployment, { destination: LogDestination.stdout(), sidecarProbes: { startup: probe } });
    const docs = Testing.synth(chart);
    expect(docs.find((d) => d.kind === 'Job').spec.template.spec.initContainers[0].startupProbe).toMatchObject({ exec: { command: ['test', '-d', '/var/log'] } });
    expect(docs.find((d) => d.kind === 'Deployment').spec.template.spec.containers[1].startupProbe).toMatchObject({ exec: { command: ['test', '-d', '/var/log'] } });
  });
});
