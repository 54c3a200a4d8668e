//! The BSL in the repository calls only what the add-in has, and the add-in's documentation
//! names every method it has.
//!
//! * Every `.bsl` file under `examples/1c/`, the README's 1C snippet and the ```` ```bsl ````
//!   blocks of `bindings/1c/README.md` are read; each variable assigned
//!   `Новый("AddIn.….BTS")` is the add-in object, and each `Объект.Имя(…)` on it must be a
//!   method of the add-in (found the way 1C finds it, through `FindMethod`, with an argument
//!   count between the required and the total), each `Объект.Имя` without parentheses a
//!   property.
//! * `bindings/1c/README.md` documents every method and property, in English and Russian: the
//!   fixed ones in its table, the named ones in a table `cargo xtask gen` writes (and
//!   `cargo xtask gen --check` checks), and every name it shows in backticks as a call exists.

use std::path::{Path, PathBuf};

use addin1c::{CString1C, RawAddin};
use bts_1c::addin::{methods, Bts, PROPS};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The text with comments removed and every string literal emptied (`""` stays, BSL's doubled
/// quote inside a string included), so calls are only found in code.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_string = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if in_string {
                if c == '"' {
                    in_string = false;
                    out.push('"');
                }
                continue;
            }
            match c {
                '"' => {
                    in_string = true;
                    out.push('"');
                }
                '/' if chars.peek() == Some(&'/') => break,
                c => out.push(c),
            }
        }
        out.push('\n');
    }
    out
}

/// The variables a BSL text assigns the add-in object to: `X = Новый("AddIn.<name>.BTS")`.
fn addin_variables(text: &str) -> Vec<String> {
    let mut vars = Vec::new();
    for line in text.lines() {
        let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        let Some(at) = compact.find("=Новый(\"AddIn.") else {
            continue;
        };
        let name: String = compact[..at]
            .chars()
            .rev()
            .take_while(|&c| is_ident(c))
            .collect::<Vec<char>>()
            .into_iter()
            .rev()
            .collect();
        if !name.is_empty() && !vars.contains(&name) {
            vars.push(name);
        }
    }
    vars
}

/// One use of the add-in object: `Name(args)` (with the argument count) or `Name`.
#[derive(Debug, PartialEq)]
struct Use {
    name: String,
    args: Option<usize>,
}

/// Top-level arguments of the call whose `(` was just read; `None` when it never closes.
fn count_args(rest: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<usize> {
    let (mut depth, mut commas, mut any, mut in_string) = (0usize, 0usize, false, false);
    for c in rest.by_ref() {
        if in_string {
            in_string = c != '"';
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                any = true;
            }
            '(' => {
                depth += 1;
                any = true;
            }
            ')' if depth == 0 => return Some(if any { commas + 1 } else { 0 }),
            ')' => depth -= 1,
            ',' if depth == 0 => commas += 1,
            c if !c.is_whitespace() => any = true,
            _ => {}
        }
    }
    None
}

/// Every `var.Name(…)` / `var.Name` in `text` for the add-in variables `vars`.
fn uses(text: &str, vars: &[String]) -> Vec<Use> {
    let code = code_only(text);
    let mut found = Vec::new();
    for var in vars {
        let needle = format!("{var}.");
        let mut from = 0;
        while let Some(at) = code[from..].find(&needle) {
            let start = from + at;
            from = start + needle.len();
            if code[..start].chars().next_back().is_some_and(is_ident) {
                continue;
            }
            let mut rest = code[from..].chars().peekable();
            let name: String = std::iter::from_fn(|| rest.next_if(|&c| is_ident(c))).collect();
            if name.is_empty() {
                continue;
            }
            while rest.next_if(|c| c.is_whitespace()).is_some() {}
            let args = if rest.next_if_eq(&'(').is_some() {
                Some(count_args(&mut rest).unwrap_or(usize::MAX))
            } else {
                None
            };
            found.push(Use { name, args });
        }
    }
    found
}

/// What is wrong with the uses of the add-in in one BSL text (empty when nothing is).
fn problems(source: &str, text: &str) -> Vec<String> {
    let mut bts = Bts::new();
    let vars = addin_variables(text);
    uses(text, &vars)
        .into_iter()
        .filter_map(|u| {
            let name = CString1C::new(&u.name);
            match u.args {
                Some(args) => match bts.find_method(&name) {
                    None => Some(format!(
                        "{source}: {}(…) is not a method of the add-in",
                        u.name
                    )),
                    Some(num) => {
                        let def = &methods()[num];
                        (args < def.required || args > def.params).then(|| {
                            format!(
                                "{source}: {}(…) has {args} arguments; the add-in takes {} to {}",
                                u.name, def.required, def.params
                            )
                        })
                    }
                },
                None => bts
                    .find_prop(&name)
                    .is_none()
                    .then(|| format!("{source}: {} is not a property of the add-in", u.name)),
            }
        })
        .collect()
}

/// The ```` ```bsl ```` blocks of a Markdown text.
fn bsl_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim_start().starts_with("```bsl") => current = Some(String::new()),
            Some(block) if line.trim_start().starts_with("```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    blocks
}

/// Every BSL text the repository shows a user, with where it comes from.
fn bsl_sources() -> Vec<(String, String)> {
    let mut sources = Vec::new();
    let dir = root().join("examples/1c");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bsl"))
        .collect();
    files.sort();
    for file in files {
        let name = format!(
            "examples/1c/{}",
            file.file_name().unwrap().to_string_lossy()
        );
        sources.push((name, read(&file)));
    }
    let readme = read(&root().join("README.md"));
    let section = readme
        .split("\n### ")
        .find(|s| s.starts_with("1C:Enterprise (BSL)"))
        .expect("README.md has a ### 1C:Enterprise (BSL) section");
    for block in bsl_blocks(section) {
        sources.push(("README.md (1C snippet)".to_owned(), block));
    }
    for (n, block) in bsl_blocks(&read(&root().join("bindings/1c/README.md")))
        .into_iter()
        .enumerate()
    {
        sources.push((
            format!("bindings/1c/README.md (bsl block {})", n + 1),
            block,
        ));
    }
    sources
}

#[test]
fn every_bsl_example_calls_only_methods_and_properties_the_addin_has() {
    let sources = bsl_sources();
    assert!(sources.len() >= 4, "{}", sources.len());
    let mut problems_found = Vec::new();
    let mut calls = 0;
    for (source, text) in &sources {
        calls += uses(text, &addin_variables(text)).len();
        problems_found.extend(problems(source, text));
    }
    assert!(problems_found.is_empty(), "{problems_found:#?}");
    assert!(calls >= 15, "only {calls} uses of the add-in were found");
}

#[test]
fn the_checker_finds_a_method_the_addin_does_not_have() {
    let text = r#"
        // Компонента.Закомментировано() is a comment, and "Компонента.ВСтроке()" a string.
        Компонента = Новый("AddIn.BTS.BTS");
        Если Компонента.Настроить(КонфигурацияJSON) Тогда
            Ответ = Компонента.ЗаказДобавить(ВJSON(Заказ, Истина));
            Ответ = Компонента.ЗаказТелепортировать("{}");
            Ответ = Компонента.Вызвать();
            Текст = Компонента.ПоследняяОшибка + Компонента.НетТакого;
            Другое.НеКомпонента();
        КонецЕсли;
    "#;
    assert_eq!(addin_variables(text), ["Компонента"]);
    let found = uses(text, &addin_variables(text));
    let names: Vec<(&str, Option<usize>)> =
        found.iter().map(|u| (u.name.as_str(), u.args)).collect();
    assert_eq!(
        names,
        [
            ("Настроить", Some(1)),
            ("ЗаказДобавить", Some(1)),
            ("ЗаказТелепортировать", Some(1)),
            ("Вызвать", Some(0)),
            ("ПоследняяОшибка", None),
            ("НетТакого", None),
        ]
    );
    let problems = problems("test", text);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].contains("ЗаказТелепортировать(…) is not a method"));
    assert!(problems[1].contains("Вызвать(…) has 0 arguments"));
    assert!(problems[2].contains("НетТакого is not a property"));
}

#[test]
fn the_readme_documents_every_method_and_property_in_both_languages() {
    let readme = read(&root().join("bindings/1c/README.md"));
    // Every name, English and Russian: a method as `Name(`, a property as `Name`.
    for def in methods() {
        for alias in 0..2 {
            let shown = format!("`{}(", def.name(alias));
            assert!(readme.contains(&shown), "{shown} is not documented");
        }
    }
    for prop in PROPS {
        for name in prop.names {
            let name = String::from_utf16_lossy(&name[..name.len() - 1]);
            assert!(
                readme.contains(&format!("`{name}`")),
                "{name} is not documented"
            );
        }
    }
    // And everything documented as a call exists.
    let mut bts = Bts::new();
    let mut rest = readme.as_str();
    let mut documented = 0;
    while let Some(at) = rest.find('`') {
        rest = &rest[at + 1..];
        let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
        let after = &rest[name.len()..];
        if !name.is_empty()
            && after.starts_with('(')
            && name.chars().next().is_some_and(char::is_uppercase)
        {
            let known = bts.find_method(&CString1C::new(&name)).is_some();
            // BSL's own functions and 1C types that the README shows are not the add-in's.
            let platform = [
                "ПодключитьВнешнююКомпоненту",
                "ПодключитьВнешнююКомпонентуАсинх",
                "НачатьПодключениеВнешнейКомпоненты",
                "ПрочитатьJSON",
                "Новый",
            ];
            assert!(
                known || platform.contains(&name.as_str()),
                "`{name}(` is documented but the add-in has no such method"
            );
            documented += usize::from(known);
        }
        if let Some(close) = rest.find('`') {
            rest = &rest[close + 1..];
        }
    }
    assert!(documented >= 2 * methods().len(), "{documented}");
}

#[test]
fn the_readme_names_every_configuration_key() {
    let readme = read(&root().join("bindings/1c/README.md"));
    for key in bts::CONFIG_KEYS {
        assert!(
            readme.contains(&format!("`{key}`")),
            "bindings/1c/README.md does not name the configuration key {key}"
        );
    }
}
