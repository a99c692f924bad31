// newsweave pages: the little JavaScript they use.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // A changed filter menu applies at once; the Search button still works without script.
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }
  // Hovering a timeline or map mark outlines the row it links to.
  for (const link of document.querySelectorAll("svg.chart a[href^='#']")) {
    const row = document.getElementById(link.getAttribute("href").slice(1));
    if (!row) continue;
    link.addEventListener("mouseenter", () => row.classList.add("hover"));
    link.addEventListener("mouseleave", () => row.classList.remove("hover"));
  }
});
