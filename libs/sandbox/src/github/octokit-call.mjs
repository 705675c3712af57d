// Runs one real @octokit/rest call in a plain Node process and prints its outcome as one JSON line.
// Why a separate process: @octokit/rest v21 is ESM only, and Jest here runs CommonJS without
// transforming node_modules, so a spec cannot load it; the GitHub sandbox specs drive it through this.
// Input (argv[2], JSON): { baseUrl, auth?, method: 'repos.compareCommitsWithBasehead', params, paginate? }
import { Octokit } from '@octokit/rest';

const { baseUrl, auth, method, params, paginate } = JSON.parse(process.argv[2]);
const quiet = () => {};
const octokit = new Octokit({ baseUrl, auth, log: { debug: quiet, info: quiet, warn: quiet, error: quiet } });
const endpoint = method.split('.').reduce((scope, name) => scope[name], octokit);

try {
  const outcome = paginate ? { status: 200, data: await octokit.paginate(endpoint, params) } : await endpoint(params);
  print({ status: outcome.status, data: outcome.data });
} catch (error) {
  print({ status: error.status, error: { name: error.name, message: error.message, data: error.response?.data } });
}

function print(outcome) {
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}
