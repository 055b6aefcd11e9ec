//! Reading and checking the procedure data files once, at start.

mod overlay;

use crate::Lang;
use crate::procedure::{Field, FieldKind, GROUP_SEPARATOR, Procedure, Province};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// The shared lists (ethnic groups, offices) live in this file beside the procedures.
const LISTS_FILE: &str = "lists.toml";
/// Provinces and communes for address pickers.
const UNITS_FILE: &str = "admin-units.toml";

#[derive(serde::Deserialize)]
struct AdminUnits {
    provinces: Vec<Province>,
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("cannot read the procedure folder {0}: {1}")]
    Folder(PathBuf, std::io::Error),
    #[error("cannot read {0}: {1}")]
    Read(PathBuf, std::io::Error),
    #[error("{0} is not a valid procedure file: {1}")]
    Parse(PathBuf, toml::de::Error),
    #[error("{file}: {problem}")]
    Invalid { file: PathBuf, problem: String },
}

/// All procedures on offer, in the order of their file names.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    procedures: Vec<Procedure>,
    /// The same procedures with the texts of `procedures/en/<id>.toml` (Vietnamese where a
    /// procedure has no such file).
    english: Vec<Procedure>,
}

/// The folder of the English texts, beside the procedures.
pub const ENGLISH_DIR: &str = "en";

impl Catalog {
    pub fn load(dir: &Path) -> Result<Self, CatalogError> {
        let lists_path = dir.join(LISTS_FILE);
        let lists: BTreeMap<String, Vec<String>> = if lists_path.exists() {
            let text = std::fs::read_to_string(&lists_path)
                .map_err(|e| CatalogError::Read(lists_path.clone(), e))?;
            toml::from_str(&text).map_err(|e| CatalogError::Parse(lists_path.clone(), e))?
        } else {
            BTreeMap::new()
        };
        let units_path = dir.join(UNITS_FILE);
        let units: Vec<Province> = if units_path.exists() {
            let text = std::fs::read_to_string(&units_path)
                .map_err(|e| CatalogError::Read(units_path.clone(), e))?;
            toml::from_str::<AdminUnits>(&text)
                .map_err(|e| CatalogError::Parse(units_path.clone(), e))?
                .provinces
        } else {
            Vec::new()
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| CatalogError::Folder(dir.to_path_buf(), e))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| {
                path.extension().is_some_and(|ext| ext == "toml")
                    && path
                        .file_name()
                        .is_some_and(|name| name != LISTS_FILE && name != UNITS_FILE)
            })
            .collect();
        files.sort();
        let mut procedures = Vec::with_capacity(files.len());
        for file in files {
            let text =
                std::fs::read_to_string(&file).map_err(|e| CatalogError::Read(file.clone(), e))?;
            let mut procedure: Procedure =
                toml::from_str(&text).map_err(|e| CatalogError::Parse(file.clone(), e))?;
            resolve_lists(&mut procedure, &lists, &units)
                .and_then(|()| check(&procedure))
                .map_err(|problem| CatalogError::Invalid {
                    file: file.clone(),
                    problem,
                })?;
            procedures.push(procedure);
        }
        let (mut ids, mut prefixes) = (HashSet::new(), HashSet::new());
        for procedure in &procedures {
            let problem = if !ids.insert(procedure.id.as_str()) {
                format!("two procedures have the id {}", procedure.id)
            } else if !prefixes.insert(procedure.code_prefix.as_str()) {
                format!(
                    "two procedures have the code prefix {}",
                    procedure.code_prefix
                )
            } else {
                continue;
            };
            return Err(CatalogError::Invalid {
                file: dir.to_path_buf(),
                problem,
            });
        }
        let mut english = Vec::with_capacity(procedures.len());
        for procedure in &procedures {
            let file = dir.join(ENGLISH_DIR).join(format!("{}.toml", procedure.id));
            if !file.exists() {
                english.push(procedure.clone());
                continue;
            }
            let text =
                std::fs::read_to_string(&file).map_err(|e| CatalogError::Read(file.clone(), e))?;
            let overlay: overlay::Overlay =
                toml::from_str(&text).map_err(|e| CatalogError::Parse(file.clone(), e))?;
            english.push(
                overlay
                    .apply(procedure)
                    .map_err(|problem| CatalogError::Invalid {
                        file: file.clone(),
                        problem,
                    })?,
            );
        }
        Ok(Self {
            procedures,
            english,
        })
    }

    /// The procedures as a reader of `lang` sees them.
    pub fn procedures_in(&self, lang: Lang) -> &[Procedure] {
        match lang {
            Lang::Vi => &self.procedures,
            Lang::En => &self.english,
        }
    }

    pub fn procedure_in(&self, id: &str, lang: Lang) -> Option<&Procedure> {
        self.procedures_in(lang)
            .iter()
            .find(|procedure| procedure.id == id)
    }
}

fn resolve_lists(
    procedure: &mut Procedure,
    lists: &BTreeMap<String, Vec<String>>,
    units: &[Province],
) -> Result<(), String> {
    fn resolve(
        field: &mut Field,
        lists: &BTreeMap<String, Vec<String>>,
        units: &[Province],
    ) -> Result<(), String> {
        if let Some(name) = &field.options_list {
            let list = lists
                .get(name)
                .ok_or_else(|| format!("field {} uses the unknown list {name}", field.id))?;
            field.options = list.clone();
        }
        if field.kind == FieldKind::Address {
            if units.is_empty() {
                return Err(format!("address field {} needs {UNITS_FILE}", field.id));
            }
            field.units = units.to_vec();
        }
        field
            .items
            .iter_mut()
            .try_for_each(|item| resolve(item, lists, units))
    }
    procedure
        .steps
        .iter_mut()
        .flat_map(|step| step.fields.iter_mut())
        .try_for_each(|field| resolve(field, lists, units))
}

/// Mistakes in a data file are caught at start, not by a citizen halfway through a form.
fn check(procedure: &Procedure) -> Result<(), String> {
    if procedure.steps.is_empty() {
        return Err("a procedure needs at least one step".into());
    }
    let mut step_ids = HashSet::new();
    let mut field_ids: BTreeMap<&str, FieldKind> = BTreeMap::new();
    for step in &procedure.steps {
        if !step_ids.insert(step.id.as_str()) {
            return Err(format!("two steps have the id {}", step.id));
        }
        if step.fields.is_empty() {
            return Err(format!("step {} has no field", step.id));
        }
        if let Some(condition) = &step.show_if {
            check_condition(condition)?;
        }
        if let Some(condition) = &step.show_if
            && !field_ids.contains_key(condition.field.as_str())
        {
            return Err(format!(
                "step {} depends on {}, which is not asked before it",
                step.id, condition.field
            ));
        }
        for field in &step.fields {
            if let Some(condition) = &field.show_if {
                check_condition(condition)?;
            }
            if let Some(condition) = &field.show_if
                && !field_ids.contains_key(condition.field.as_str())
            {
                return Err(format!(
                    "field {} depends on {}, which is not asked in an earlier step",
                    field.id, condition.field
                ));
            }
        }
        for field in &step.fields {
            if field_ids.insert(&field.id, field.kind).is_some() {
                return Err(format!("two fields have the id {}", field.id));
            }
            check_field(field)?;
            if field.kind == FieldKind::Group {
                if field.items.is_empty() {
                    return Err(format!("group {} needs items", field.id));
                }
                for item in &field.items {
                    if matches!(item.kind, FieldKind::Group | FieldKind::Attachment) {
                        return Err(format!(
                            "group {} cannot hold {:?} fields",
                            field.id, item.kind
                        ));
                    }
                    check_field(item)?;
                }
            }
        }
    }
    for field in procedure.steps.iter().flat_map(|step| &step.fields) {
        if let Some(check) = &field.id_check {
            for other in std::iter::once(&check.birth).chain(check.sex.as_ref()) {
                if !field_ids.contains_key(other.as_str()) {
                    return Err(format!(
                        "field {} is checked against the unknown field {other}",
                        field.id
                    ));
                }
            }
            // Otherwise the ID number's sex digit would silently never be compared.
            if let Some(sex) = check.sex.as_ref().and_then(|id| procedure.field(id)) {
                for value in [&check.male, &check.female] {
                    if !sex.options.contains(value) {
                        return Err(format!(
                            "field {} reads sex from {}, which has no option {value:?} \
                             (set male and female in its id_check)",
                            field.id, sex.id
                        ));
                    }
                }
            }
        }
    }
    for rule in &procedure.plausibility {
        for (id, kinds) in rule.fields() {
            match field_ids.get(id) {
                None => return Err(format!("a plausibility rule reads the unknown field {id}")),
                Some(kind) if !kinds.contains(kind) => {
                    return Err(format!(
                        "a plausibility rule reads {id}, a {kind:?} field; it needs one of {kinds:?}"
                    ));
                }
                Some(_) => {}
            }
        }
    }
    complete(procedure)?;
    let applicant = &procedure.applicant;
    let referenced = [
        Some(&applicant.name),
        applicant.id_number.as_ref(),
        applicant.address.as_ref(),
    ]
    .into_iter()
    .chain([
        applicant.phone.as_ref(),
        procedure.office_field.as_ref(),
        procedure.delivery_field.as_ref(),
    ])
    .flatten();
    for id in referenced {
        if !field_ids.contains_key(id.as_str()) {
            return Err(format!("the procedure refers to the unknown field {id}"));
        }
    }
    if procedure.same_day_cutoff.is_some() && procedure.same_day_cutoff().is_none() {
        return Err("same_day_cutoff must be written HH:MM".into());
    }
    Ok(())
}

/// What every procedure must tell a citizen before they start: what it is, what to bring, what
/// it costs, who decides, how long it takes, and which office receives it.
fn complete(procedure: &Procedure) -> Result<(), String> {
    let texts = [
        ("summary", &procedure.summary),
        ("fee", &procedure.fee),
        ("result", &procedure.result),
        ("authority", &procedure.authority),
        ("life_event", &procedure.life_event),
        ("office_level", &procedure.office_level),
    ];
    if let Some((name, _)) = texts.iter().find(|(_, text)| text.trim().is_empty()) {
        return Err(format!("{name} is missing"));
    }
    if procedure.documents.is_empty() {
        return Err("documents is missing: say what the citizen brings".into());
    }
    if procedure.keywords.is_empty() {
        return Err("keywords is missing: the words citizens search with".into());
    }
    if procedure.processing_days == 0 && procedure.same_day_cutoff().is_none() {
        return Err("a same-day procedure (processing_days = 0) needs same_day_cutoff".into());
    }
    if procedure.office_field.is_none() {
        return Err("office_field is missing: the citizen chooses the office".into());
    }
    // At most 8, so a code (prefix, day, random part) stays within the 30 characters the
    // lookup reads.
    if !(1..=8).contains(&procedure.code_prefix.len())
        || !procedure
            .code_prefix
            .chars()
            .all(|c| c.is_ascii_uppercase())
    {
        return Err(format!(
            "code_prefix {:?} must be 1 to 8 capital letters",
            procedure.code_prefix
        ));
    }
    Ok(())
}

/// A condition tests one answer (`equals`) or several (`one_of`), never both or neither.
fn check_condition(condition: &crate::procedure::Condition) -> Result<(), String> {
    if condition.equals.is_empty() == condition.one_of.is_empty() {
        return Err(format!(
            "the condition on {} needs either equals or one_of",
            condition.field
        ));
    }
    Ok(())
}

fn check_field(field: &Field) -> Result<(), String> {
    if field.id.is_empty() || field.id.contains(GROUP_SEPARATOR) || field.id.contains(['[', ']']) {
        return Err(format!(
            "field id {:?} must be non-empty, without dots or brackets",
            field.id
        ));
    }
    let needs_options = matches!(field.kind, FieldKind::Choice | FieldKind::Select);
    if needs_options && field.options.is_empty() {
        return Err(format!("field {} needs options", field.id));
    }
    if !field.stops.is_empty() && !needs_options {
        return Err(format!("field {}: only a choice can stop", field.id));
    }
    if let Some(option) = field.stops.keys().find(|o| !field.options.contains(o)) {
        return Err(format!(
            "field {} stops on {option:?}, not an option",
            field.id
        ));
    }
    if field.stops.values().any(|reason| reason.trim().is_empty()) {
        return Err(format!("field {}: a stop needs its reason", field.id));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Catalog {
        Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/procedures")).unwrap()
    }

    #[test]
    fn the_shipped_catalog_loads_and_offers_birth_registration() {
        let catalog = shipped();
        let birth = catalog
            .procedure_in("khai-sinh", Lang::Vi)
            .expect("birth registration");
        assert_eq!(birth.name, "Đăng ký khai sinh");
        let ethnicity = birth.field("tre-dan-toc").unwrap();
        assert_eq!(ethnicity.options.len(), 54);
        assert_eq!(ethnicity.options[0], "Kinh");
    }

    #[test]
    fn every_vietnamese_text_has_an_english_one() {
        let catalog = shipped();
        let mut missing = Vec::new();
        for (vi, en) in catalog
            .procedures_in(Lang::Vi)
            .iter()
            .zip(catalog.procedures_in(Lang::En))
        {
            missing.extend(
                overlay::untranslated(vi, en)
                    .into_iter()
                    .map(|line| format!("{}: {line}", vi.id)),
            );
        }
        assert!(
            missing.is_empty(),
            "{} texts without English, e.g.\n{}",
            missing.len(),
            missing[..missing.len().min(20)].join("\n")
        );
    }

    #[test]
    fn english_keeps_the_answers_and_rules_of_the_vietnamese() {
        let catalog = shipped();
        let en = catalog.procedures_in(Lang::En);
        let vi = catalog.procedures_in(Lang::Vi);
        let birth = en.iter().find(|p| p.id == "khai-sinh").unwrap();
        assert_eq!(birth.name, "Birth registration");
        let sex = birth.field("tre-gioi-tinh").unwrap();
        // The stored answer stays "Nữ"; the citizen reads "Female".
        assert!(sex.options.contains(&"Nữ".to_string()));
        assert_eq!(sex.option_label("Nữ"), "Female");
        for (v, e) in vi.iter().zip(en) {
            assert_eq!(v.steps.len(), e.steps.len());
            for (vs, es) in v.steps.iter().zip(&e.steps) {
                assert_eq!(vs.id, es.id);
                assert_eq!(vs.show_if, es.show_if);
                for (vf, ef) in vs.fields.iter().zip(&es.fields) {
                    assert_eq!(
                        (&vf.id, vf.kind, &vf.options),
                        (&ef.id, ef.kind, &ef.options)
                    );
                }
            }
        }
    }

    #[test]
    fn a_step_depending_on_a_later_answer_is_refused() {
        let broken =
            |text: String| text.replace("field = \"cha-me-xac-dinh\"", "field = \"nhan-ket-qua\"");
        let error = load_changed("khai-sinh.toml", broken)
            .unwrap_err()
            .to_string();
        assert!(error.contains("not asked before it"), "{error}");
    }

    /// A copy of one shipped procedure file, changed by `edit`, loaded alone.
    fn load_changed(file: &str, edit: impl Fn(String) -> String) -> Result<Catalog, CatalogError> {
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/procedures");
        let dir = std::env::temp_dir().join(format!(
            "mc-catalog-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let birth = std::fs::read_to_string(shipped.join(file)).unwrap();
        std::fs::write(dir.join("changed.toml"), edit(birth)).unwrap();
        std::fs::copy(shipped.join(LISTS_FILE), dir.join(LISTS_FILE)).unwrap();
        let loaded = Catalog::load(&dir);
        std::fs::remove_dir_all(&dir).ok();
        loaded
    }

    #[test]
    fn any_procedure_without_what_a_citizen_needs_is_refused_at_start() {
        assert!(load_changed("khai-sinh.toml", |text| text).is_ok());
        let no_fee = load_changed("khai-sinh.toml", |text| {
            text.replacen("\nfee = ", "\nold_fee = ", 1)
        });
        assert!(no_fee.is_err());
        let no_documents = load_changed("khai-sinh.toml", |text| {
            text.replacen("\ndocuments = ", "\nold_documents = ", 1)
        });
        assert!(no_documents.unwrap_err().to_string().contains("documents"));
        let lower_prefix = load_changed("khai-sinh.toml", |text| {
            text.replacen("code_prefix = \"KS\"", "code_prefix = \"ks\"", 1)
        });
        assert!(
            lower_prefix
                .unwrap_err()
                .to_string()
                .contains("code_prefix")
        );
        let long_prefix = load_changed("khai-sinh.toml", |text| {
            text.replacen("code_prefix = \"KS\"", "code_prefix = \"KHAISINHX\"", 1)
        });
        assert!(long_prefix.unwrap_err().to_string().contains("1 to 8"));
    }

    #[test]
    fn a_plausibility_rule_must_read_date_fields_that_exist() {
        let rule = |older: &'static str| {
            move |text: String| {
                format!(
                    "{text}\n[[plausibility]]\nrule = \"age_gap\"\nolder = \"{older}\"\n\
                     younger = \"tre-ngay-sinh\"\nyears = 12\n"
                )
            }
        };
        assert!(load_changed("khai-sinh.toml", rule("tre-ngay-sinh")).is_ok());
        let unknown = load_changed("khai-sinh.toml", rule("ba-nam-sinh")).unwrap_err();
        assert!(unknown.to_string().contains("unknown field"), "{unknown}");
        let name = load_changed("khai-sinh.toml", rule("tre-ho-ten")).unwrap_err();
        assert!(name.to_string().contains("Name field"), "{name}");
    }

    #[test]
    fn a_stop_must_be_on_an_option_of_a_choice_and_say_why() {
        let stop = |option: &'static str, reason: &'static str| {
            move |text: String| {
                text.replacen(
                    "options = [\"Nam\", \"Nữ\"]",
                    &format!(
                        "options = [\"Nam\", \"Nữ\"]\nstops = {{ \"{option}\" = \"{reason}\" }}"
                    ),
                    1,
                )
            }
        };
        assert!(load_changed("khai-sinh.toml", stop("Nữ", "Hãy hỏi cán bộ.")).is_ok());
        let error = load_changed("khai-sinh.toml", stop("Khác", "Hãy hỏi.")).unwrap_err();
        assert!(error.to_string().contains("not an option"), "{error}");
        let error = load_changed("khai-sinh.toml", stop("Nữ", " ")).unwrap_err();
        assert!(error.to_string().contains("reason"), "{error}");
    }

    #[test]
    fn a_condition_needs_one_answer_or_a_list_of_them() {
        let both = |text: String| {
            text.replacen(
                "equals = \"co\" }",
                "equals = \"co\", one_of = [\"co\"] }",
                1,
            )
        };
        let error = load_changed("khai-sinh.toml", both).unwrap_err();
        assert!(
            error.to_string().contains("either equals or one_of"),
            "{error}"
        );
    }

    #[test]
    fn a_sex_field_spelled_otherwise_must_say_so_or_the_file_is_refused() {
        let respelled = |text: String| text.replace("\"Nam\", \"Nữ\"", "\"nam\", \"nữ\"");
        let error = load_changed("khai-tu.toml", respelled)
            .unwrap_err()
            .to_string();
        assert!(error.contains("no option \"Nam\""), "{error}");
    }
}
