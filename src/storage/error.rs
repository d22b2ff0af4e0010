//! [`StorageError`]: every way the browser storage can fail, with a Russian message the UI shows
//! as it is. It classifies the browser's errors; it never retries or logs.

use std::fmt;

use indexed_db_futures::error::Error as IdbError;

/// A failure of the browser storage. Its `Display` is a Russian sentence for the user; the
/// browser's own text, where there is one, follows it as a detail.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StorageError {
    /// The browser offers no IndexedDB (a privacy mode, or site data is blocked).
    Unavailable,
    /// The database was written by a newer version of the app than this page.
    TooNew,
    /// Another tab upgraded or deleted the database, so this tab's connection was closed.
    Superseded,
    /// The browser's storage quota is used up; nothing of the write was kept.
    QuotaExceeded,
    /// Opening or upgrading the database failed.
    Open(String),
    /// Reading failed.
    Read(String),
    /// A write failed and was rolled back whole: the stored data are as they were before it.
    Write(String),
    /// Stored data could not be decoded.
    Corrupt(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unavailable => f.write_str(
                "Хранилище браузера недоступно: данные нельзя сохранить. Разрешите сайту хранить \
                 данные или выйдите из режима инкогнито.",
            ),
            Self::TooNew => f.write_str(
                "База в этом браузере сохранена более новой версией приложения. Перезагрузите \
                 страницу.",
            ),
            Self::Superseded => {
                f.write_str("База обновлена в другой вкладке. Перезагрузите страницу.")
            }
            Self::QuotaExceeded => f.write_str(
                "Не хватает места в хранилище браузера: изменение не сохранено, данные остались \
                 прежними. Освободите место на диске.",
            ),
            Self::Open(detail) => write!(f, "Не удалось открыть базу в браузере ({detail})."),
            Self::Read(detail) => write!(f, "Не удалось прочитать базу в браузере ({detail})."),
            Self::Write(detail) => write!(
                f,
                "Изменение не сохранено, данные остались прежними ({detail})."
            ),
            Self::Corrupt(detail) => write!(f, "Данные в браузере повреждены ({detail})."),
        }
    }
}

impl std::error::Error for StorageError {}

/// What was being done when the browser reported an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Doing {
    /// Opening or upgrading.
    Opening,
    /// Reading.
    Reading,
    /// Writing in a transaction.
    Writing,
}

impl StorageError {
    /// Classifies an error of `indexed_db_futures` met while `doing`.
    pub(crate) fn idb(doing: Doing, error: impl Into<IdbError>) -> Self {
        let error = error.into();
        if let IdbError::DomException(exception) = &error {
            let exception = web_sys::DomException::from(exception.clone());
            return Self::dom(doing, &exception.name(), &exception.message());
        }
        Self::plain(doing, error.to_string())
    }

    /// Classifies a DOM exception by its `name`.
    pub(crate) fn dom(doing: Doing, name: &str, message: &str) -> Self {
        match name {
            "QuotaExceededError" => Self::QuotaExceeded,
            "VersionError" => Self::TooNew,
            _ => Self::plain(doing, format!("{name}: {message}")),
        }
    }

    /// An error with only a detail text.
    pub(crate) fn plain(doing: Doing, detail: String) -> Self {
        match doing {
            Doing::Opening => Self::Open(detail),
            Doing::Reading => Self::Read(detail),
            Doing::Writing => Self::Write(detail),
        }
    }
}

/// Stored bytes that did not decode.
pub(crate) fn corrupt(error: contacts_core::codec::DecodeError) -> StorageError {
    StorageError::Corrupt(error.to_string())
}

/// An error of `indexed_db_futures` met while reading.
pub(crate) fn reading(error: impl Into<IdbError>) -> StorageError {
    StorageError::idb(Doing::Reading, error)
}

/// An error of `indexed_db_futures` met while writing.
pub(crate) fn writing(error: impl Into<IdbError>) -> StorageError {
    StorageError::idb(Doing::Writing, error)
}
