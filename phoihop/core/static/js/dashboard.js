// Bar charts of the program dashboard, drawn from the figures the page carries in
// <script type="application/json" id="dashboard-data"> (data, not code: strict CSP).
(function () {
  "use strict";

  function draw() {
    var source = document.getElementById("dashboard-data");
    if (!source || typeof window.Chart === "undefined") return;
    var charts = JSON.parse(source.textContent);
    var number = new Intl.NumberFormat("vi-VN");
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var data = charts[canvas.getAttribute("data-chart")];
      if (!data) return;
      canvas.chart = new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: [{ label: "Người tham gia", data: data.values, backgroundColor: "#2f6f9f" }],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: function (item) { return number.format(item.parsed.y) + " người"; } } },
          },
          scales: {
            x: { ticks: { autoSkip: false, maxRotation: 45, callback: function (value) {
              var label = String(this.getLabelForValue(value));
              return label.length > 24 ? label.slice(0, 23) + "…" : label;
            } } },
            y: { beginAtZero: true, ticks: { precision: 0, callback: function (value) { return number.format(value); } } },
          },
        },
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
