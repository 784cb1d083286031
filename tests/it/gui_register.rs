//! The desk app and the register (issue 12): patients, courses, visits, quotes.
