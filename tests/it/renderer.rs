//! The renderer that starts anywhere: glow, then wgpu, then a plain message.
//!
//! The order and the decisions are tried with a fake launcher that fails on purpose (the
//! real one needs a screen); the messages are checked as a person reads them.

use std::cell::RefCell;
use std::process::Command;

use dose_planner::Lang;
use dose_planner::app::start::{
    Launch, Renderer, RendererFailure, Start, UnknownRenderer, forced_renderer, start_lang,
    start_message, start_with,
};

/// The error eframe 0.37 gives where only OpenGL 1.1 is offered (egui issue #2573).
const GL_1_1: &str = "egui_glow: OpenGL: egui_glow requires opengl 2.0+. ";
const NO_ADAPTER: &str = "Failed to create wgpu adapter, no suitable adapter found.";

/// Runs [`start_with`] with a launcher that answers `answer(renderer)`; returns the start,
/// the renderers launched in order, and the fallbacks reported (from, to).
fn try_start(
    forced: Option<Renderer>,
    answer: impl Fn(Renderer) -> Launch,
) -> (Start, Vec<Renderer>, Vec<(Renderer, Renderer)>) {
    let launched = RefCell::new(Vec::new());
    let mut heard = Vec::new();
    let start = start_with(
        forced,
        |r| {
            launched.borrow_mut().push(r);
            answer(r)
        },
        |f, next| heard.push((f.renderer, next)),
    );
    (start, launched.into_inner(), heard)
}

fn failure(renderer: Renderer, error: &str) -> RendererFailure {
    RendererFailure {
        renderer,
        error: error.to_string(),
    }
}

#[test]
fn glow_is_tried_first_and_wgpu_is_not_started_when_glow_works() {
    let (start, launched, heard) = try_start(None, |_| Launch::Closed);
    assert_eq!(launched, [Renderer::Glow]);
    assert!(heard.is_empty());
    assert_eq!(
        start,
        Start::Ran {
            renderer: Renderer::Glow,
            passed_over: vec![]
        }
    );
    assert_eq!(start_message(&start, Lang::En), None);
}

#[test]
fn glow_cannot_start_so_wgpu_opens_the_window() {
    let (start, launched, heard) = try_start(None, |r| match r {
        Renderer::Glow => Launch::CannotStart(GL_1_1.into()),
        Renderer::Wgpu => Launch::Closed,
    });
    assert_eq!(launched, [Renderer::Glow, Renderer::Wgpu]);
    // Reported (on stderr) before wgpu is tried.
    assert_eq!(heard, [(Renderer::Glow, Renderer::Wgpu)]);
    assert_eq!(
        start,
        Start::Ran {
            renderer: Renderer::Wgpu,
            passed_over: vec![failure(Renderer::Glow, GL_1_1)]
        }
    );
    // The window opened: nothing to tell.
    assert_eq!(start_message(&start, Lang::Ja), None);
}

#[test]
fn neither_starts_the_message_names_what_is_missing_and_both_errors() {
    let (start, launched, heard) = try_start(None, |r| match r {
        Renderer::Glow => Launch::CannotStart(GL_1_1.into()),
        Renderer::Wgpu => Launch::CannotStart(NO_ADAPTER.into()),
    });
    assert_eq!(launched, [Renderer::Glow, Renderer::Wgpu]);
    // wgpu is the last: its failure is told in the message, not as a fallback.
    assert_eq!(heard, [(Renderer::Glow, Renderer::Wgpu)]);
    assert_eq!(
        start,
        Start::NoRenderer {
            forced: false,
            failures: vec![
                failure(Renderer::Glow, GL_1_1),
                failure(Renderer::Wgpu, NO_ADAPTER)
            ]
        }
    );
    let en = start_message(&start, Lang::En).unwrap();
    expect_test::expect![[r#"
        The window cannot be drawn on this computer. It needs OpenGL 2.0 or later (the glow renderer), or Vulkan, DirectX 12, Metal or OpenGL ES 3.0 (the wgpu renderer), and neither could start:
        • glow: egui_glow: OpenGL: egui_glow requires opengl 2.0+. 
        • wgpu: Failed to create wgpu adapter, no suitable adapter found.
        Update the graphics driver; over Remote Desktop or in a virtual machine, turn on the graphics card or 3D acceleration for it. Estimates still work on the command line: dose-planner quote --help"#]]
    .assert_eq(&en);
    let ja = start_message(&start, Lang::Ja).unwrap();
    assert!(ja.contains("OpenGL 2.0 以降（描画方式 glow）"), "{ja}");
    assert!(ja.contains(&format!("・glow: {GL_1_1}")), "{ja}");
    assert!(ja.contains(&format!("・wgpu: {NO_ADAPTER}")), "{ja}");
    let ko = start_message(&start, Lang::Ko).unwrap();
    assert!(ko.contains("OpenGL 2.0 이상(glow 렌더러)"), "{ko}");
    assert!(ko.contains(&format!("• glow: {GL_1_1}")), "{ko}");
    assert!(ko.contains(&format!("• wgpu: {NO_ADAPTER}")), "{ko}");
}

#[test]
fn a_forced_renderer_is_tried_alone_and_its_failure_names_it() {
    let (start, launched, heard) = try_start(Some(Renderer::Wgpu), |r| match r {
        Renderer::Glow => Launch::Closed,
        Renderer::Wgpu => Launch::CannotStart(NO_ADAPTER.into()),
    });
    // glow would have worked, but the switch asked for wgpu only.
    assert_eq!(launched, [Renderer::Wgpu]);
    assert!(heard.is_empty());
    assert_eq!(
        start,
        Start::NoRenderer {
            forced: true,
            failures: vec![failure(Renderer::Wgpu, NO_ADAPTER)]
        }
    );
    expect_test::expect![[r#"The wgpu renderer, chosen with --renderer or DOSE_PLANNER_RENDERER, cannot start here (Failed to create wgpu adapter, no suitable adapter found.). Start the app without it to let it choose a renderer that works."#]]
    .assert_eq(&start_message(&start, Lang::En).unwrap());

    let (start, launched, _) = try_start(Some(Renderer::Glow), |_| Launch::Closed);
    assert_eq!(launched, [Renderer::Glow]);
    assert_eq!(
        start,
        Start::Ran {
            renderer: Renderer::Glow,
            passed_over: vec![]
        }
    );
}

#[test]
fn an_app_that_ran_and_failed_or_no_screen_is_not_a_reason_to_try_wgpu() {
    let (start, launched, heard) = try_start(None, |_| Launch::Failed("surface lost".into()));
    assert_eq!(launched, [Renderer::Glow]);
    assert!(heard.is_empty());
    assert_eq!(
        start_message(&start, Lang::En).unwrap(),
        "The window closed on an error of the glow renderer: surface lost"
    );

    let (start, launched, _) = try_start(None, |_| {
        Launch::NoDisplay("neither WAYLAND_DISPLAY nor DISPLAY is set".into())
    });
    assert_eq!(launched, [Renderer::Glow]);
    let en = start_message(&start, Lang::En).unwrap();
    assert!(
        en.starts_with(
            "No screen was found to open the window on (neither WAYLAND_DISPLAY nor DISPLAY is set)."
        ),
        "{en}"
    );
}

#[test]
fn the_switch_wins_over_the_environment_which_must_name_a_renderer() {
    let check = |flag, env, expect: Result<Option<Renderer>, UnknownRenderer>| {
        assert_eq!(forced_renderer(flag, env), expect, "{flag:?} {env:?}");
    };
    check(None, None, Ok(None));
    check(None, Some(""), Ok(None));
    check(None, Some("glow"), Ok(Some(Renderer::Glow)));
    check(None, Some(" WGPU "), Ok(Some(Renderer::Wgpu)));
    check(Some(Renderer::Glow), Some("wgpu"), Ok(Some(Renderer::Glow)));
    check(
        Some(Renderer::Wgpu),
        Some("vulkan"),
        Ok(Some(Renderer::Wgpu)),
    );
    check(None, Some("vulkan"), Err(UnknownRenderer("vulkan".into())));
    assert_eq!(
        UnknownRenderer("vulkan".into()).explain(Lang::En),
        r#"DOSE_PLANNER_RENDERER must be glow or wgpu, not "vulkan". Remove it to let the app choose."#
    );
}

#[test]
fn messages_before_the_window_speak_the_app_or_system_language() {
    let check = |vars: &[(&str, &str)], expect: Lang| {
        let got = start_lang(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_string())
        });
        assert_eq!(got, expect, "{vars:?}");
    };
    check(
        &[("DOSE_PLANNER_LANG", "ko"), ("LANG", "ja_JP.UTF-8")],
        Lang::Ko,
    );
    check(
        &[("DOSE_PLANNER_LANG", "xx"), ("LANG", "ko_KR.UTF-8")],
        Lang::Ko,
    );
    check(&[("LANG", "ja_JP.UTF-8")], Lang::Ja);
    check(
        &[("LC_ALL", "en_US.UTF-8"), ("LANG", "ja_JP.UTF-8")],
        Lang::En,
    );
    check(&[("LC_MESSAGES", "ko_KR.UTF-8"), ("LANG", "C")], Lang::Ko);
    check(&[("LANG", "C.UTF-8")], Lang::En);
    check(&[("LANG", "de_DE.UTF-8")], Lang::En);
    check(&[("LC_ALL", ""), ("LANG", "ko_KR.UTF-8")], Lang::Ko);
    // No locale at all (Windows, a macOS app from the Finder): the app's first language.
    check(&[], Lang::Ja);
}

/// The binary, with no screen (so a message box cannot block the test) and `env` set.
fn window_without_screen(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dose-planner"));
    cmd.args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("DOSE_PLANNER_RENDERER")
        .env("DOSE_PLANNER_LANG", "en");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_switch_on_the_command_line() {
    // An unknown renderer is refused by the command line, with the choices.
    let (code, err) = window_without_screen(&["--renderer", "vulkan"], &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("invalid value 'vulkan'"), "{err}");
    assert!(err.contains("[possible values: glow, wgpu]"), "{err}");
    // It is the window's switch: not with a subcommand.
    let (code, err) =
        window_without_screen(&["--renderer", "glow", "quote", "--sex", "female"], &[]);
    assert_eq!(code, 2, "{err}");
    // An unknown value in the environment is said before any window is tried.
    let (code, err) = window_without_screen(&[], &[("DOSE_PLANNER_RENDERER", "vulkan")]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        err.trim_end(),
        r#"error: DOSE_PLANNER_RENDERER must be glow or wgpu, not "vulkan". Remove it to let the app choose."#
    );
    // No screen at all: said once, with no second renderer tried (winit allows one event
    // loop per process, and it is the event loop that needs the screen).
    let (code, err) = window_without_screen(&[], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with("error: No screen was found to open the window on ("),
        "{err}"
    );
    assert!(!err.contains("renderer"), "{err}");
}
