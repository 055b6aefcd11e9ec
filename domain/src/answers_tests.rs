use super::*;

fn field(id: &str, kind: FieldKind) -> Field {
    Field {
        id: id.into(),
        label: id.into(),
        kind,
        ..Default::default()
    }
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A step asking a name, a photo, and the children (a repeating group of names, at most 2).
fn step() -> Step {
    let mut children = field("con", FieldKind::Group);
    children.items = vec![field("ten", FieldKind::Text)];
    children.max_items = Some(2);
    Step {
        id: "buoc".into(),
        section: String::new(),
        title: String::new(),
        hint: None,
        show_if: None,
        fields: vec![
            field("ho-ten", FieldKind::Text),
            field("anh", FieldKind::Attachment),
            children,
        ],
        meaning: None,
    }
}

#[test]
fn a_step_replaces_its_own_answers_and_keeps_the_others_and_the_stored_file() {
    let stored = answers(&[("ho-ten", "Lan"), ("anh", "giay.png"), ("buoc-khac", "giữ")]);
    let typed = answers(&[("ho-ten", "Hoa"), ("la", "bỏ")]);
    let merged = merge(&step(), &stored, &typed, &GroupAction::Continue);
    assert_eq!(
        merged,
        answers(&[("ho-ten", "Hoa"), ("anh", "giay.png"), ("buoc-khac", "giữ")])
    );
}

#[test]
fn an_input_left_out_is_cleared_and_a_very_long_one_is_cut() {
    let long = "a".repeat(MAX_INPUT_CHARS + 10);
    let merged = merge(
        &step(),
        &answers(&[("ho-ten", "Lan")]),
        &answers(&[("con.1.ten", &long)]),
        &GroupAction::Continue,
    );
    assert_eq!(merged.get("ho-ten"), None);
    assert_eq!(merged["con.1.ten"].chars().count(), MAX_INPUT_CHARS);
}

#[test]
fn add_another_gives_one_empty_row_up_to_the_limit_and_remove_takes_one_away() {
    let one = merge(
        &step(),
        &Answers::new(),
        &answers(&[("con.1.ten", "An")]),
        &GroupAction::Add("con".into()),
    );
    assert_eq!(one.get("con.2.ten").map(String::as_str), Some(""));
    let two = merge(
        &step(),
        &Answers::new(),
        &answers(&[("con.1.ten", "An"), ("con.2.ten", "Bình")]),
        &GroupAction::Add("con".into()),
    );
    assert_eq!(two.get("con.3.ten"), None, "at most two children");
    let removed = merge(
        &step(),
        &Answers::new(),
        &answers(&[("con.1.ten", "An"), ("con.2.ten", "Bình")]),
        &GroupAction::Remove("con.1".into()),
    );
    assert_eq!(removed, answers(&[("con.2.ten", "Bình")]));
}

#[test]
fn a_blank_row_is_dropped_on_continue() {
    let merged = merge(
        &step(),
        &Answers::new(),
        &answers(&[("con.1.ten", "An"), ("con.2.ten", " ")]),
        &GroupAction::Continue,
    );
    assert_eq!(merged, answers(&[("con.1.ten", "An")]));
}

#[test]
fn only_the_fields_a_page_sent_count_as_typed() {
    let sent = fields_sent(&step(), &answers(&[("con.1.ten", "An"), ("khac", "x")]));
    assert_eq!(sent, ["con"]);
}

#[test]
fn an_answer_changed_only_on_this_page_is_no_conflict() {
    let base = answers(&[("ho-ten", "Lan")]);
    let mine = answers(&[("ho-ten", "Hoa")]);
    assert!(differing_fields(&step(), &mine, &base, Some(&base)).is_empty());
    // Changed on the other device too, differently: both are shown.
    let (step, theirs) = (step(), answers(&[("ho-ten", "Mai")]));
    let differing = differing_fields(&step, &mine, &theirs, Some(&base));
    assert_eq!(differing.len(), 1);
    assert_eq!(differing[0].0.id, "ho-ten");
    assert_eq!(differing[0].1, answers(&[("ho-ten", "Mai")]));
    // Without the page's starting values, every difference counts; spaces do not.
    assert_eq!(differing_fields(&step, &mine, &base, None).len(), 1);
    let spaced = answers(&[("ho-ten", " Hoa ")]);
    assert!(differing_fields(&step, &mine, &spaced, None).is_empty());
}
