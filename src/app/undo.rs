//! Undo and redo (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y) for the plan and quote edits: the Quote and
//! Plan inputs (doses, months, visits, target, screening, choices, "same for later months",
//! Suggest) and the shared patient's sex and weight.
//!
//! A step is kept each time the inputs differ after a frame; typing into one field is one
//! step (kept while that field has the focus), so Ctrl+Z undoes the whole field, never a
//! letter. While a text field has the focus, Ctrl+Z is the field's own (egui's) text undo.
//! Pure state: draws nothing and does no IO.

use super::{Patient, PlanInputs, QuoteInputs};
use crate::estimate::Sex;

/// The most steps kept.
const MAX_STEPS: usize = 200;

/// What one step restores.
#[derive(Debug, Clone, PartialEq)]
pub struct Edits {
    /// The Quote screen's inputs.
    pub quote: QuoteInputs,
    /// The Plan screen's inputs.
    pub plan: PlanInputs,
    /// The shared patient's sex.
    pub sex: Option<Sex>,
    /// The shared patient's weight, as typed.
    pub weight: String,
}

impl Edits {
    /// The edits as they stand.
    pub fn of(quote: &QuoteInputs, plan: &PlanInputs, patient: &Patient) -> Edits {
        Edits {
            quote: quote.clone(),
            plan: plan.clone(),
            sex: patient.sex,
            weight: patient.weight.clone(),
        }
    }
}

/// The undo and redo history.
#[derive(Debug, Default)]
pub struct History {
    past: Vec<Edits>,
    future: Vec<Edits>,
    current: Option<Edits>,
    /// The text field whose typing the last step holds, while it has the focus.
    typing_in: Option<eframe::egui::Id>,
}

impl History {
    /// Takes the edits after a frame: a new step when they changed (the typing in one field
    /// being one step). `focused` is the text field with the focus, if any.
    pub fn observe(&mut self, now: Edits, focused: Option<eframe::egui::Id>) {
        let Some(current) = &self.current else {
            self.current = Some(now);
            return;
        };
        if *current == now {
            if focused != self.typing_in {
                self.typing_in = None;
            }
            return;
        }
        let same_field = focused.is_some() && focused == self.typing_in;
        if !same_field {
            let before = self.current.replace(now);
            self.past.extend(before);
            if self.past.len() > MAX_STEPS {
                self.past.remove(0);
            }
        } else {
            self.current = Some(now);
        }
        self.future.clear();
        self.typing_in = focused;
    }

    /// The edits one step back, if any (the current ones go to redo).
    pub fn undo(&mut self) -> Option<Edits> {
        let back = self.past.pop()?;
        self.future.extend(self.current.replace(back.clone()));
        self.typing_in = None;
        Some(back)
    }

    /// The edits one step forward again, if any.
    pub fn redo(&mut self) -> Option<Edits> {
        let next = self.future.pop()?;
        self.past.extend(self.current.replace(next.clone()));
        self.typing_in = None;
        Some(next)
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}
