//! The desk app redesigned (issue 13): Compare, file names, the restore prompt, warnings, the chart.
