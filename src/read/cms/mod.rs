//! The CMS-export reader (`.json`): WordPress REST posts and Arc XP ANS
//! stories, read with every byte mapped back to the JSON file.

pub mod json;
