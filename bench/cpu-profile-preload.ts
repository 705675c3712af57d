import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

/**
 * `NODE_OPTIONS=--require dist/bench/cpu-profile-preload.js` with CPU_PROFILE_DIR set: profiles the whole
 * process and writes `<pid>.cpuprofile` there when it exits (Node 20 refuses `--cpu-prof` in
 * NODE_OPTIONS, and a service started by ServiceProcess takes no other flags). The in-process inspector
 * answers synchronously, so the profile is written from the exit handler.
 */
const directory = process.env.CPU_PROFILE_DIR;
if (directory) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.once('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(path.join(directory, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
