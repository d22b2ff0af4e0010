//! The contact card's body: the heading, the field sections, the groups with subscription dates
//! and statuses, the tags and the history. It lays out a `state::card::Card`; every value is a
//! text node.

use leptos::prelude::*;

use crate::state::card::Card;

/// The card of one contact.
#[component]
pub fn ContactCard(
    /// What to show.
    card: Card,
) -> impl IntoView {
    let Card {
        title,
        sections,
        groups,
        tags,
        history,
    } = card;
    let group_count = groups.len();
    view! {
        <article class="card">
            <h1 class="card__title">{title}</h1>
            <div class="card__sections">
                {sections
                    .into_iter()
                    .map(|section| {
                        view! {
                            <section class="card__section">
                                <h2>{section.title}</h2>
                                <dl>
                                    {section
                                        .lines
                                        .into_iter()
                                        .map(|line| {
                                            let empty = line.value.is_empty();
                                            view! {
                                                <dt>{line.label}</dt>
                                                <dd class:blank=empty>
                                                    {if empty { "—".to_owned() } else { line.value }}
                                                </dd>
                                            }
                                        })
                                        .collect_view()}
                                </dl>
                            </section>
                        }
                    })
                    .collect_view()}
            </div>
            <section class="card__section card__wide">
                <h2>"Группы (" {group_count} ")"</h2>
                {if groups.is_empty() {
                    view! { <p class="blank">"Контакт не состоит в группах"</p> }.into_any()
                } else {
                    view! {
                        <table class="card__groups">
                            <thead>
                                <tr>
                                    <th>"Группа"</th>
                                    <th>"Категория"</th>
                                    <th>"Дата подписки"</th>
                                    <th>"Статус"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {groups
                                    .into_iter()
                                    .map(|g| {
                                        view! {
                                            <tr>
                                                <td>
                                                    <a class="group-link" href=g.path>{g.name}</a>
                                                </td>
                                                <td>
                                                    <span class="folder" aria-hidden="true"></span>
                                                    {g.category}
                                                </td>
                                                <td>{g.subscribed}</td>
                                                <td>{g.status}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any()
                }}
            </section>
            <section class="card__section card__wide">
                <h2>"Теги"</h2>
                {if tags.is_empty() {
                    view! { <p class="blank">"Тегов нет"</p> }.into_any()
                } else {
                    view! {
                        <ul class="tags">
                            {tags.into_iter().map(|t| view! { <li class="tag">{t}</li> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            </section>
            <section class="card__section card__wide">
                <h2>"История"</h2>
                {if history.is_empty() {
                    view! { <p class="blank">"Событий нет"</p> }.into_any()
                } else {
                    view! {
                        <ol class="history">
                            {history
                                .into_iter()
                                .map(|h| {
                                    view! {
                                        <li>
                                            <time>{h.at}</time>
                                            <span>{h.text}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    }
                        .into_any()
                }}
            </section>
        </article>
    }
}
