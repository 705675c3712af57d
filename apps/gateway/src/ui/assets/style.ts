/** `/ui/style.css`: plain CSS for every page. */
export const STYLE_CSS = String.raw`
:root { --fg: #1d2330; --muted: #5b6475; --line: #d9dee8; --bg: #f6f7fa; --accent: #2457c5; --bad: #b3261e; --good: #1e7a3c; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; padding: .6rem 1.2rem; background: #1d2330; color: #fff; }
header a { color: #fff; margin-right: 1rem; text-decoration: none; }
header a.brand { font-weight: 700; }
header form { display: flex; gap: .4rem; align-items: center; }
header input { width: 16rem; }
.token-state { color: #c5cbd8; font-size: 12px; }
main { padding: 1rem 1.2rem 3rem; max-width: 1400px; }
h1 { font-size: 1.4rem; margin: .2rem 0 .6rem; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
h2.kicker { color: var(--muted); text-transform: uppercase; font-size: .8rem; letter-spacing: .05em; }
a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { background: #eef1f6; font-weight: 600; }
div.text { white-space: pre-wrap; max-width: 40rem; max-height: 8rem; overflow: auto; }
td.actions { white-space: nowrap; }
code { font: 12px/1.3 ui-monospace, SFMono-Regular, Menlo, monospace; background: #eef1f6; padding: 0 .25rem; border-radius: 3px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .4rem 0 .8rem; }
dt { color: var(--muted); }
dd { margin: 0; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: 12px; font-weight: 600; background: #e3e7ef; }
.status-succeeded, .status-completed, .status-sent { background: #d6f0de; color: var(--good); }
.status-failed, .status-halted, .status-blocked, .status-frozen { background: #fbe0de; color: var(--bad); }
.status-running, .status-queued, .status-sending { background: #dde7fb; color: var(--accent); }
.status-held, .status-pending { background: #fdf0cf; color: #7a5a00; }
.status-canceled { background: #e9e9e9; color: #555; }
.error { color: var(--bad); }
.ok { color: var(--good); }
.hint, .empty { color: var(--muted); }
.prompt { padding: .8rem 1rem; background: #fff8e1; border: 1px solid #f0d98a; border-radius: 4px; }
#notice:empty { display: none; }
#notice { padding: .5rem .8rem; background: #fff; border: 1px solid var(--line); border-radius: 4px; }
button, a.button { font: inherit; padding: .25rem .7rem; border: 1px solid #9aa4b8; border-radius: 4px; background: #fff; color: var(--fg); cursor: pointer; text-decoration: none; margin-right: .3rem; }
button:hover, a.button:hover { background: #eef1f6; }
button[disabled] { opacity: .5; cursor: progress; }
form#cancel-form { max-width: 40rem; margin-top: 1.2rem; padding: 1rem; background: #fff; border: 1px solid var(--line); border-radius: 4px; }
form#cancel-form label { display: block; font-weight: 600; margin-bottom: .6rem; }
form#cancel-form textarea { display: block; width: 100%; margin-top: .3rem; font: inherit; }
form.inline { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-bottom: 1rem; }
form.inline h2 { margin: 0 .5rem 0 0; font-size: 1rem; }
ul.targets, ul.shortlog { margin: 0; padding-left: 1.1rem; }
details.recent { margin: .4rem 0; padding: .3rem .6rem; background: #fff; border: 1px solid var(--line); border-radius: 4px; }
details.recent summary { cursor: pointer; }
`;
