"""Reports: summary.json, the A3 factsheet (HTML and PDF), tables, the demo and the comparison."""
