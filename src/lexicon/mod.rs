//! The vocabulary `check` and `compare` share, one table per kind of word,
//! each with its lookup function: no engine keeps a list of its own.
//!
//! - [`homophones`]: words that sound alike (break/brake);
//! - [`speech`]: verbs that attribute words to a speaker ("said");
//! - [`dates`]: month and weekday names and their abbreviations;
//! - [`abbreviations`]: titles and abbreviations whose full stop does not
//!   end a sentence ("Dr.", "U.S.", "Sept.");
//! - [`spelling`]: UK/US spelling pairs, from VarCon;
//! - [`pinyin`]: how a romanised name reads against its Han gloss ("Wang Yi (王毅)").

pub mod abbreviations;
pub mod confusions;
pub mod dates;
pub mod homophones;
pub mod irregular;
pub mod pinyin;
pub mod speech;
pub mod spelling;
