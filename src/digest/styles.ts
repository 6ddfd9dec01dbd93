/**
 * The digest's stylesheet, inlined in the report. System fonts only (nothing to load), a single
 * column on phones, two on wide screens, and print rules for the PDF (A4, no section split across
 * pages where it can be avoided, backgrounds kept).
 */
export const DIGEST_CSS = `
:root { --ink:#1f2933; --muted:#616e7c; --faint:#9aa5b1; --line:#e4e7eb; --bg:#f5f7fa; --card:#fff;
  --neg:#e0524d; --neu:#b4bcc7; --pos:#2fa37a; --accent:#3557d4; --good:#1f8a5b; --bad:#c93a35; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin:0; background:var(--bg); color:var(--ink); font: 15px/1.45 system-ui, -apple-system, "Segoe UI",
  Roboto, "Noto Sans", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 20px 16px 40px; }
a { color: var(--accent); text-decoration: none; overflow-wrap: anywhere; }
h1 { font-size: 28px; line-height: 1.15; margin: 2px 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 18px; margin: 0 0 12px; }
h3 { font-size: 15px; margin: 14px 0 8px; color: var(--muted); font-weight: 600; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); font-weight: 600; }
.sub { color: var(--muted); margin: 0; }
header.top { display:flex; justify-content:space-between; align-items:flex-end; gap:12px; flex-wrap:wrap;
  border-bottom: 3px solid var(--ink); padding-bottom: 12px; margin-bottom: 18px; }
header.top .week { text-align:right; }
header.top .week b { font-size: 22px; display:block; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 18px 18px 16px;
  margin: 0 0 16px; break-inside: avoid; page-break-inside: avoid; }
section.split { display:grid; grid-template-columns: 1fr; gap: 16px; background:none; border:0; padding:0; }
section.split > div { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 18px; }
.kpis { display:grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; margin-bottom: 16px; }
.kpi { background: var(--card); border:1px solid var(--line); border-radius: 12px; padding: 14px 16px 10px; }
.kpi .label { font-size: 13px; color: var(--muted); font-weight: 600; }
.kpi .value { font-size: 34px; font-weight: 750; line-height: 1.1; margin: 4px 0 2px; font-variant-numeric: tabular-nums; }
.kpi .value small { font-size: 16px; color: var(--muted); font-weight: 600; }
.kpi .prev { font-size: 12.5px; color: var(--muted); }
.kpi svg.spark { display:block; width: 100%; max-width: 160px; height: auto; margin-top: 6px; }
.chg { font-weight: 700; white-space: nowrap; font-variant-numeric: tabular-nums; }
.chg.good { color: var(--good); } .chg.bad { color: var(--bad); } .chg.flat { color: var(--muted); }
.decide { border-left: 5px solid var(--bad); }
.decide ul { margin: 0; padding-left: 18px; } .decide li { margin: 3px 0; }
.legend { display:flex; gap: 14px; flex-wrap: wrap; font-size: 12.5px; color: var(--muted); margin: 0 0 6px; }
.legend i { display:inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
svg.chart { display:block; width:100%; height:auto; }
svg.chart-sentiment { width: 120px; display:inline-block; vertical-align: middle; }
svg.chart-breakdown, svg.chart-sov { max-width: 640px; }
.tbl { width:100%; overflow-x:auto; }
table { width:100%; border-collapse: collapse; font-size: 14px; font-variant-numeric: tabular-nums; }
th { text-align:left; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
  font-weight: 600; border-bottom: 1px solid var(--line); padding: 6px 8px; }
td { border-bottom: 1px solid var(--line); padding: 7px 8px; vertical-align: middle; }
td.n, th.n { text-align: right; white-space: nowrap; }
tr.self td { font-weight: 700; background: #f0f3fd; }
.cards { display:grid; gap: 10px; }
.card { border:1px solid var(--line); border-left: 4px solid var(--neg); border-radius: 8px; padding: 10px 12px;
  break-inside: avoid; page-break-inside: avoid; }
.card .meta { display:flex; flex-wrap:wrap; gap: 6px 10px; align-items:center; font-size: 12.5px; color: var(--muted); }
.card .title { font-weight: 650; margin: 4px 0 2px; }
.card .snippet { margin: 2px 0 6px; overflow-wrap: anywhere; }
.stars { color: #e0a21b; letter-spacing: 1px; font-size: 13px; }
.chip { display:inline-block; border-radius: 999px; padding: 1px 8px; font-size: 11.5px; font-weight: 650; }
.chip.risk { background: #fde8e7; color: var(--bad); }
.chip.ok { background: #e3f4ec; color: var(--good); }
.chip.no { background: #fff4e0; color: #9a5b00; }
.chip.kind { background: #eef1f5; color: var(--muted); }
.terms { list-style:none; margin:0; padding:0; display:grid; gap: 6px; }
.terms li { display:grid; grid-template-columns: minmax(90px, 210px) 1fr 78px; gap: 10px; align-items:center; font-size: 14px; }
.terms li > span:last-child { white-space: nowrap; }
.terms .t { overflow:hidden; text-overflow: ellipsis; white-space: nowrap; }
.terms .track { position:relative; height: 12px; background: var(--line); border-radius: 3px; }
.terms .fill { position:absolute; left:0; top:0; bottom:0; background: var(--neg); border-radius: 3px; }
.terms .prev { position:absolute; top:-3px; bottom:-3px; width: 2px; background: var(--ink); }
.terms .gone .t { color: var(--faint); text-decoration: line-through; }
.empty { color: var(--muted); font-style: italic; margin: 4px 0; }
.health-ok { color: var(--good); font-weight: 650; } .health-bad { color: var(--bad); font-weight: 650; }
.health-partial { color: #9a5b00; font-weight: 650; }
footer { color: var(--muted); font-size: 12px; text-align:center; margin-top: 20px; }
@media (min-width: 860px) { section.split { grid-template-columns: 1fr 1fr; } }
@media (max-width: 520px) {
  main { padding: 12px 10px 28px; } h1 { font-size: 23px; } .kpi .value { font-size: 28px; }
  section { padding: 14px 12px; } .terms li { grid-template-columns: 110px 1fr 70px; }
  .opt, .chip.kind { display: none; } svg.chart-sentiment { width: 64px; } td, th { padding: 6px 4px; }
  td .chg { display: block; font-size: 12px; }
  header.top .week { text-align:left; }
}
@page { size: A4; margin: 12mm 11mm; }
@media print {
  body { background: #fff; font-size: 12.5px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  section, .kpi, section.split > div { border-color: #d5d9de; }
  section.split { grid-template-columns: 1fr 1fr; }
  h2 { break-after: avoid; }
  a { color: var(--ink); }
}
`;
