# The window's shell: the sheet folders and the About box.
shell-folder-working = working folder
shell-folder-mine = my sheets
shell-folder-examples = examples
shell-sheet-unreadable = (not a readable sheet)
shell-keep-copy = Keep a copy in my sheets
shell-keep-copy-hint = Copies this sheet into { $folder } and uses the copy: it is listed from any working folder.
shell-copy-done = The sheet is now kept in your sheets: { $path }
shell-copy-exists = A sheet with this file name is already in your sheets: { $path }. Rename one of them, then try again.
shell-copy-no-folder = No folder for your sheets is known on this computer (no home folder).
shell-about = About
shell-about-title = About Dose & Cost Planner
shell-about-version = Version { $version }
shell-about-licences = Licences
shell-about-licence-texts = The full texts are in /usr/share/doc/dose-planner/ when installed from the package, and in the source's LICENSE and assets/fonts/.
shell-about-data = Where your data are
shell-about-recovery = Recovery copies
shell-about-register = Register
shell-about-sheets = My price sheets
shell-about-none = (none)
shell-about-close = Close

# Opening the window: the renderers (glow, wgpu) and what to say when neither can start.
shell-start-title = Dose & Cost Planner cannot open its window
shell-renderer-cannot-start = The { $renderer } renderer cannot start here ({ $error }); trying { $next }.
shell-renderer-none = The window cannot be drawn on this computer. It needs OpenGL 2.0 or later (the glow renderer), or Vulkan, DirectX 12, Metal or OpenGL ES 3.0 (the wgpu renderer), and neither could start:
shell-renderer-error = • { $renderer }: { $error }
shell-renderer-none-help = Update the graphics driver; over Remote Desktop or in a virtual machine, turn on the graphics card or 3D acceleration for it. Estimates still work on the command line: dose-planner quote --help
shell-renderer-forced-failed = The { $renderer } renderer, chosen with --renderer or DOSE_PLANNER_RENDERER, cannot start here ({ $error }). Start the app without it to let it choose a renderer that works.
shell-renderer-failed = The window closed on an error of the { $renderer } renderer: { $error }
shell-window-no-display = No screen was found to open the window on ({ $error }). Start the app from a desktop session; estimates work without one on the command line: dose-planner quote --help
shell-renderer-unknown = DOSE_PLANNER_RENDERER must be glow or wgpu, not "{ $value }". Remove it to let the app choose.
