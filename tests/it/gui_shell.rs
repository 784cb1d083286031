//! The shell (issues 13 and 14): where sheets live, the window, the About box.
