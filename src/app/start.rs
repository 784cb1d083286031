//! Opening the window on whatever desk the app meets: a renderer that starts, the other one
//! when it cannot, and a plain message (a native message box and stderr) when neither can.
//!
//! eframe is built with both renderers. glow (OpenGL 2.0+) is tried first: it opens the
//! window sooner and with less memory. wgpu (Vulkan, DirectX 12 with Microsoft's software
//! rasteriser WARP, Metal, or OpenGL ES 3) is tried when glow cannot create its context: over
//! Windows Remote Desktop and in virtual machines only OpenGL 1.1 may be offered.
//! The second try runs in the same process: winit allows one event loop per process, and
//! eframe keeps it in a thread-local (`NativeOptions::run_and_return`, on by default) and
//! reuses it for the next `run_native`; a context that cannot be made comes back as an `Err`
//! before the app is created.
//! `--renderer glow|wgpu` or `DOSE_PLANNER_RENDERER` forces one renderer, with no fallback.
//!
//! [`start_with`] decides the order and what a failure leads to, over a launcher closure
//! (tested with a launcher that fails on purpose); [`run`] is the only part that starts
//! eframe, reads the environment or shows a dialog. It must not be called twice in a process.

use std::cell::Cell;
use std::fmt;
use std::time::Instant;

use eframe::egui;

use super::{APP_NAME, DesktopApp, FIRST_WINDOW, ICON_PNG, RegisterState};
use crate::i18n::{Arg, Lang};

/// A renderer eframe can draw the window with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Renderer {
    /// OpenGL 2.0 or later, through glutin.
    Glow,
    /// Vulkan, DirectX 12, Metal or OpenGL ES 3, through wgpu.
    Wgpu,
}

impl Renderer {
    /// The order tried when none is forced: glow first (faster to start, less memory), then
    /// wgpu (where only OpenGL 1.1 is offered).
    pub const ORDER: [Renderer; 2] = [Renderer::Glow, Renderer::Wgpu];

    /// The name used by the switch and in messages: `glow`, `wgpu`.
    pub fn name(self) -> &'static str {
        match self {
            Renderer::Glow => "glow",
            Renderer::Wgpu => "wgpu",
        }
    }

    /// Parses the value of `DOSE_PLANNER_RENDERER` (`glow` or `wgpu`, any case).
    pub fn from_name(name: &str) -> Option<Renderer> {
        Renderer::ORDER
            .into_iter()
            .find(|r| r.name().eq_ignore_ascii_case(name.trim()))
    }

    fn for_eframe(self) -> eframe::Renderer {
        match self {
            Renderer::Glow => eframe::Renderer::Glow,
            Renderer::Wgpu => eframe::Renderer::Wgpu,
        }
    }
}

impl fmt::Display for Renderer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How one renderer's start ended: what a launcher reports to [`start_with`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Launch {
    /// The window opened and was closed.
    Closed,
    /// The renderer could not create its context; the app was never created. The next
    /// renderer may start.
    CannotStart(String),
    /// There is no screen to open a window on (no display server): no renderer can help.
    NoDisplay(String),
    /// The app was created and ran, then failed: not a start to fall back from.
    Failed(String),
}

/// A renderer that could not start, with its own error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RendererFailure {
    /// The renderer tried.
    pub renderer: Renderer,
    /// Its error, as eframe gave it.
    pub error: String,
}

/// What the start came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// The window opened with `renderer` and was closed; `passed_over` could not start first.
    Ran {
        /// The renderer that drew the window.
        renderer: Renderer,
        /// The renderers tried before it, with their errors.
        passed_over: Vec<RendererFailure>,
    },
    /// The app ran with `renderer` and then failed.
    Failed {
        /// The renderer that drew the window.
        renderer: Renderer,
        /// eframe's error.
        error: String,
    },
    /// No screen to open a window on.
    NoDisplay(String),
    /// No renderer could start. `forced`: the switch chose the only one tried.
    NoRenderer {
        /// Whether the renderer was forced (then `failures` holds that one alone).
        forced: bool,
        /// Every renderer tried, in order, with its error.
        failures: Vec<RendererFailure>,
    },
}

/// Starts the window: the forced renderer alone, or each of [`Renderer::ORDER`] until one
/// starts. `launch` opens the window with one renderer and returns when it is closed;
/// `on_fallback` hears of a renderer that could not start and of the one tried next.
pub fn start_with(
    forced: Option<Renderer>,
    mut launch: impl FnMut(Renderer) -> Launch,
    mut on_fallback: impl FnMut(&RendererFailure, Renderer),
) -> Start {
    let order: &[Renderer] = match &forced {
        Some(r) => std::slice::from_ref(r),
        None => &Renderer::ORDER,
    };
    let mut failures = Vec::new();
    for (i, &renderer) in order.iter().enumerate() {
        match launch(renderer) {
            Launch::Closed => {
                return Start::Ran {
                    renderer,
                    passed_over: failures,
                };
            }
            Launch::Failed(error) => return Start::Failed { renderer, error },
            Launch::NoDisplay(error) => return Start::NoDisplay(error),
            Launch::CannotStart(error) => {
                let failure = RendererFailure { renderer, error };
                if let Some(&next) = order.get(i + 1) {
                    on_fallback(&failure, next);
                }
                failures.push(failure);
            }
        }
    }
    Start::NoRenderer {
        forced: forced.is_some(),
        failures,
    }
}

/// The renderer forced by `--renderer` (`flag`, which wins) or by `DOSE_PLANNER_RENDERER`
/// (`env`; empty is unset); `Err` holds an environment value that names no renderer.
pub fn forced_renderer(
    flag: Option<Renderer>,
    env: Option<&str>,
) -> Result<Option<Renderer>, UnknownRenderer> {
    match (flag, env.map(str::trim).filter(|v| !v.is_empty())) {
        (Some(r), _) => Ok(Some(r)),
        (None, None) => Ok(None),
        (None, Some(v)) => Renderer::from_name(v)
            .map(Some)
            .ok_or_else(|| UnknownRenderer(v.to_string())),
    }
}

/// `DOSE_PLANNER_RENDERER` holds a value that names no renderer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRenderer(pub String);

impl UnknownRenderer {
    /// The message in `lang`.
    pub fn explain(&self, lang: Lang) -> String {
        lang.tr_args(
            "shell-renderer-unknown",
            &[("value", Arg::Str(self.0.clone()))],
        )
    }
}

/// The language of the messages shown before the window (and its settings) exist:
/// `DOSE_PLANNER_LANG`, else the system locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: the first
/// set; `ja…`, `ko…`, anything else English), else, when no locale is set at all (Windows,
/// a macOS app started from the Finder), Japanese, the app's own first language.
/// `env` looks up one variable.
pub fn start_lang(env: impl Fn(&str) -> Option<String>) -> Lang {
    let set = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    if let Some(lang) = set("DOSE_PLANNER_LANG").and_then(|c| Lang::from_code(c.trim())) {
        return lang;
    }
    match ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(set) {
        Some(locale) if locale.starts_with("ja") => Lang::Ja,
        Some(locale) if locale.starts_with("ko") => Lang::Ko,
        Some(_) => Lang::En,
        None => super::Settings::default().lang,
    }
}

/// What to tell a person when the window did not open or closed on an error: `None` when it
/// was closed as usual. The text names what is missing and each renderer's own error.
pub fn start_message(start: &Start, lang: Lang) -> Option<String> {
    let error_args = |f: &RendererFailure| {
        [
            ("renderer", Arg::Str(f.renderer.name().to_string())),
            ("error", Arg::Str(f.error.clone())),
        ]
    };
    match start {
        Start::Ran { .. } => None,
        Start::Failed { renderer, error } => Some(lang.tr_args(
            "shell-renderer-failed",
            &[
                ("renderer", Arg::Str(renderer.name().to_string())),
                ("error", Arg::Str(error.clone())),
            ],
        )),
        Start::NoDisplay(error) => Some(lang.tr_args(
            "shell-window-no-display",
            &[("error", Arg::Str(error.clone()))],
        )),
        Start::NoRenderer {
            forced: true,
            failures,
        } => {
            let lines: Vec<String> = failures
                .iter()
                .map(|f| lang.tr_args("shell-renderer-forced-failed", &error_args(f)))
                .collect();
            Some(lines.join("\n"))
        }
        Start::NoRenderer {
            forced: false,
            failures,
        } => {
            let mut lines = vec![lang.tr("shell-renderer-none")];
            lines.extend(
                failures
                    .iter()
                    .map(|f| lang.tr_args("shell-renderer-error", &error_args(f))),
            );
            lines.push(lang.tr("shell-renderer-none-help"));
            Some(lines.join("\n"))
        }
    }
}

/// Opens the window with `renderer` forced (`--renderer`), or with `DOSE_PLANNER_RENDERER`'s,
/// or with the first renderer that starts. When none can, shows why in a message box and
/// returns the same text as the error.
#[expect(
    clippy::disallowed_methods,
    reason = "the window's start: DOSE_PLANNER_MEASURE, DOSE_PLANNER_RENDERER and the locale"
)]
pub fn run(renderer: Option<Renderer>) -> anyhow::Result<()> {
    let started = Instant::now();
    let measure = std::env::var_os("DOSE_PLANNER_MEASURE").is_some();
    let lang = start_lang(|name| std::env::var(name).ok());
    let forced = match forced_renderer(
        renderer,
        std::env::var("DOSE_PLANNER_RENDERER").ok().as_deref(),
    ) {
        Ok(forced) => forced,
        Err(e) => return Err(tell(lang, e.explain(lang))),
    };
    let start = start_with(
        forced,
        |renderer| {
            if measure {
                // Beside `first-frame-ms`: which renderer the figure is for.
                eprintln!("renderer {renderer}");
            }
            launch(renderer, started, measure)
        },
        // Said on stderr for whoever looks into a slow start or a support call.
        |failure, next| {
            eprintln!(
                "warning: {}",
                lang.tr_args(
                    "shell-renderer-cannot-start",
                    &[
                        ("renderer", Arg::Str(failure.renderer.name().to_string())),
                        ("error", Arg::Str(failure.error.clone())),
                        ("next", Arg::Str(next.name().to_string())),
                    ],
                )
            );
        },
    );
    match start_message(&start, lang) {
        None => Ok(()),
        // The app showed its own window: the error goes to stderr, as before this module.
        Some(text) if matches!(start, Start::Failed { .. }) => Err(anyhow::anyhow!(text)),
        Some(text) => Err(tell(lang, text)),
    }
}

/// An error already said on stderr (and in a message box): the command line only sets the
/// exit status.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct AlreadySaid(pub String);

/// Says `text` on stderr, then shows it in a native message box (it blocks until dismissed;
/// without a desktop it returns at once): whoever started the app from a terminal reads it
/// while the box is still open.
fn tell(lang: Lang, text: String) -> anyhow::Error {
    eprintln!("error: {text}");
    // The answer is "OK" whichever button closes the box: nothing follows from it.
    let _ = rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title(lang.tr("shell-start-title"))
        .set_description(&text)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
    anyhow::Error::new(AlreadySaid(text))
}

/// Opens the window with one renderer and reports how it ended.
fn launch(renderer: Renderer, started: Instant, measure: bool) -> Launch {
    // Set when eframe creates the app, which it does only once the renderer's context
    // exists: an error before that is the renderer's, one after it the app's.
    let created = Cell::new(false);
    let result = eframe::run_native(
        APP_NAME,
        native_options(renderer),
        Box::new(|cc| {
            created.set(true);
            let mut app = DesktopApp::new(cc);
            app.started = measure.then_some(started);
            app.apply_env_overrides();
            // The register of the settings, unless `DOSE_PLANNER_REGISTER` named another.
            if matches!(app.register, RegisterState::NotOpened) {
                app.open_register_from_settings();
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => Launch::Closed,
        Err(e) if created.get() => Launch::Failed(e.to_string()),
        // The event loop itself (the display connection) could not be made: winit allows one
        // per process, so no second renderer could try either.
        Err(e @ eframe::Error::WinitEventLoop(_)) => Launch::NoDisplay(e.to_string()),
        Err(e) => Launch::CannotStart(e.to_string()),
    }
}

fn native_options(renderer: Renderer) -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(APP_NAME)
        // The .desktop file's `StartupWMClass=dose-planner` (Wayland app id, X11 WM_CLASS):
        // the task bar shows the menu entry's icon and name for this window.
        .with_app_id("dose-planner")
        .with_inner_size(FIRST_WINDOW)
        .with_min_inner_size([720.0, 480.0]);
    match eframe::icon_data::from_png_bytes(ICON_PNG) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        // The window still opens, with the system's default icon.
        Err(e) => eprintln!("warning: the window icon cannot be read: {e}"),
    }
    eframe::NativeOptions {
        viewport,
        renderer: renderer.for_eframe(),
        // Kept on (eframe's default): the event loop outlives a renderer that cannot start,
        // so the next one can use it.
        run_and_return: true,
        // The window opens where it was closed, at the size it had.
        persist_window: true,
        ..Default::default()
    }
}
