"""The HTML briefing page's style sheet and its one script (`render.html`).

The script filters the chronology's rows by lane, tag and text. It is constant,
so that the page's Content-Security-Policy can allow it by its hash
(`SCRIPT_HASH`) and nothing else; what it needs from the page (the words of the
count, in the page's language) it reads from the page.

Print: `@page { size: landscape }` leaves the paper to the printer (A4 or US
letter); the header and the chart fill the first page, the chart scaled to the
box both papers leave inside the margins (259 mm by 190 mm, less the header),
and the chronology starts on the second page, at 8.5 pt, its header row repeated
on every page and no row split, the sources in two columns.
"""

from __future__ import annotations

import base64
import hashlib

__all__ = ["ACTORS", "MARKED", "SCRIPT", "SCRIPT_HASH", "STYLE"]

STYLE = """\
:root { color-scheme: light; }
body {
  margin: 0; padding: 1.5rem 2rem 3rem;
  font: 16px/1.45 system-ui, "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
  color: #1f2328; background: #fff;
}
body.dark { color: #e6edf3; background: #0d1117; }
header.briefing, main { max-width: 80rem; margin: 0 auto; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; }
.subtitle, .as-of { margin: 0 0 .25rem; color: #57606a; }
body.dark .subtitle, body.dark .as-of, body.dark .description { color: #9198a1; }
h1, h2, p, li, td, dd { overflow-wrap: anywhere; }
figure.chart { margin: 1rem 0 0; }
figure.chart svg { display: block; width: 100%; height: auto; }
dl.overview {
  display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 1rem;
}
dl.overview dt { font-weight: 600; }
dl.overview dd { margin: 0; }
form.filters {
  display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; margin: 0 0 .75rem;
}
form.filters[hidden] { display: none; }
form.filters output { color: #57606a; }
table.chronology { border-collapse: collapse; width: 100%; }
table.chronology th, table.chronology td {
  text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid #d0d7de;
}
table.chronology thead th { border-bottom: 2px solid #8c959f; }
body.dark table.chronology th, body.dark table.chronology td { border-color: #30363d; }
td.date, td.certainty { white-space: nowrap; }
tr.period th { padding-top: 1rem; background: #f6f8fa; }
body.dark tr.period th { background: #161b22; }
tr.period .dates { font-weight: normal; color: #57606a; margin-left: .5em; }
.title { font-weight: 600; }
p.description { margin: .25rem 0 0; color: #57606a; }
ul.tags {
  list-style: none; margin: .3rem 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem;
}
ul.tags li { font-size: .8em; padding: 0 .5em; border: 1px solid #d0d7de; border-radius: 1em; }
abbr.grade { text-decoration: none; font-size: .8em; color: #57606a; }
ul.citations { list-style: none; margin: .3rem 0 0; padding: 0; font-size: .9em; }
ul.citations blockquote {
  margin: .15rem 0 .15rem 1.5em; padding-left: .6em; border-left: 3px solid #d0d7de;
}
ul.citations p.note { margin: .1rem 0 0 1.5em; color: #57606a; }
p.conflict { margin: .3rem 0 0; font-weight: 600; color: #9a6700; }
body.dark p.conflict { color: #d29922; }
tr.new td.date { box-shadow: inset 4px 0 0 #1a7f37; }
span.new {
  font-size: .75em; font-weight: 700; padding: 0 .4em; border-radius: .3em;
  color: #fff; background: #1a7f37;
}
ol.sources { padding-left: 3em; margin: 0; }
ol.sources li { margin: .25em 0; }
a { color: #0550ae; }
body.dark a { color: #79c0ff; }
ul.diagnostics { padding-left: 1.25em; margin: .5rem 0 0; }
ul.diagnostics code { font-size: .85em; overflow-wrap: anywhere; }
@page { size: landscape; margin: 10mm; }
@media print {
  :root { color-scheme: light; }
  body, body.dark {
    margin: 0; padding: 0; font-size: 8.5pt; line-height: 1.25; color: #000; background: #fff;
  }
  header.briefing, main { max-width: none; }
  h1 { font-size: 14pt; }
  h2 { font-size: 11pt; margin: 0 0 2mm; break-after: avoid; page-break-after: avoid; }
  .subtitle, .as-of, .description, tr.period .dates, abbr.grade { color: #333; }
  body.dark a, a { color: inherit; text-decoration: none; }
  figure.chart {
    margin: 2mm 0 0; break-inside: avoid; page-break-inside: avoid;
    break-after: page; page-break-after: always;
  }
  figure.chart svg {
    width: auto; height: auto; max-width: 100%; max-height: 160mm; margin: 0 auto;
  }
  form.filters { display: none; }
  dl.overview { margin-bottom: 2mm; }
  #sources, #diagnostics { margin-top: 3mm; }
  #diagnostics p { margin: 0 0 1mm; }
  ol.sources { columns: 2; column-gap: 8mm; }
  ol.sources li { margin: 0 0 .5mm; }
  table.chronology th, table.chronology td { padding: .6mm 1.5mm; border-color: #999; }
  p.description { margin-top: .3mm; }
  ul.tags { display: inline-flex; margin: 0 0 0 2mm; vertical-align: baseline; }
  thead { display: table-header-group; }
  tr, li, .summary { break-inside: avoid; page-break-inside: avoid; }
  tr.period th { background: none; }
}
"""

# The banners of a marked chronology (only such a page has this part of the style): on
# screen at the top and foot of the page; printed, fixed in the top and bottom margins,
# which Chromium repeats on every page (not all its versions fill @page margin boxes);
# the body's padding, cloned on each page, keeps them off the content.
MARKED = """\
p.marking, footer.marking {
  margin: 0 auto .75rem; max-width: 80rem; text-align: center; font-weight: 700;
  letter-spacing: .05em;
}
footer.marking { margin: 2rem auto 0; }
span.portion { font-weight: 700; font-size: .85em; }
@media print {
  body, body.dark {
    padding: 7mm 0; -webkit-box-decoration-break: clone; box-decoration-break: clone;
  }
  p.marking, footer.marking {
    position: fixed; left: 0; right: 0; margin: 0; font-size: 9pt; line-height: 1.2;
  }
  p.marking { top: 0; }
  footer.marking { bottom: 0; }
}
"""

# The actors' line under an event's title (only a page with actors has it).
ACTORS = "p.actors { margin: .2rem 0 0; font-size: .9em; }\n"

SCRIPT = """
(() => {
  "use strict";
  const form = document.getElementById("filters");
  const table = document.querySelector("table.chronology");
  if (!form || !table) return;
  const rows = Array.from(table.querySelectorAll("tr[data-lane]"));
  const count = form.elements.namedItem("count");
  const value = (name) => {
    const field = form.elements.namedItem(name);
    return field ? field.value : "";
  };
  const apply = () => {
    const lane = value("lane");
    const tag = value("tag");
    const text = value("text").trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const keep = (!lane || row.dataset.lane === lane)
        && (!tag || JSON.parse(row.dataset.tags).includes(tag))
        && (!text || row.textContent.toLowerCase().includes(text));
      row.hidden = !keep;
      shown += keep ? 1 : 0;
    }
    for (const group of table.tBodies) {
      const rowsShown = Array.from(group.rows).filter((row) => row.dataset.lane !== undefined);
      group.hidden = !rowsShown.some((row) => !row.hidden);
    }
    count.value = count.dataset.template
      .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
  };
  form.addEventListener("input", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  apply();
})();
"""

SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
