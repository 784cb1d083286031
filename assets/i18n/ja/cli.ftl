# The command line's text report (dose-planner quote).
