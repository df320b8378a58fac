import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCommand } from '../../src/cli/main';

/** The command run in this process, with its output captured. */
export function check(args: string[], stdin = ''): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCommand(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, readStdin: () => stdin });
  return { code, stdout, stderr };
}

/** The command as users run it: `node lib/src/cli/bin.js ...` in a child process (`tsc` compiles it first; test/system/check-process.test.ts). */
export function checkAsProcess(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const bin = path.join(__dirname, '..', '..', 'lib', 'src', 'cli', 'bin.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** A temporary directory with the given files (path -> content). */
export function files(entries: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-cli-'));
  for (const [name, text] of Object.entries(entries)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A pod that passes every check at restricted on the default target. */
export const GOOD_POD = `apiVersion: v1
kind: Pod
metadata:
  name: good
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 1000
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: app
    image: registry.example.com/app:1.0
    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        drop: [ALL]
`;

/** GOOD_POD with a second container on the same port as the first: a port-conflict error at line 23, column 7. */
export const CONFLICT_POD = `${GOOD_POD.replace('name: good', 'name: conflict').replace('        drop: [ALL]\n', `        drop: [ALL]
    ports:
    - containerPort: 8080
`)}  - name: sidecar
    image: registry.example.com/sidecar:1.0
    ports:
    - containerPort: 8080
    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        drop: [ALL]
`;
