//! Follow-ups of the desk app review: the visit form re-priced when its dose changes, the New patient form prefilled from the shared patient, and Ctrl+S to save a quote.
