//! The closed vocabularies of the content format (content-format.md, "Keys per
//! kind"): each written value in front matter, and the Dutch label a citizen
//! reads on the page.

/// Declares a vocabulary: an enum with its written values and labels.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $value:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in the order the format lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as written in front matter.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $value),+ }
            }

            /// The Dutch label shown on pages.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Reads a written value; `None` for anything not in the vocabulary.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($value => Some($name::$variant),)+ _ => None }
            }

            /// The allowed values joined for an error message.
            pub fn expected() -> String {
                Self::ALL.iter().map(|v| format!("`{}`", v.as_str())).collect::<Vec<_>>().join(", ")
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// `soort` of an Orgaan.
    OrgaanSoort {
        College => "college", "College van B&W";
        Raad => "raad", "Gemeenteraad";
        Commissie => "commissie", "Commissie";
        Burgemeester => "burgemeester", "Burgemeester";
        Presidium => "presidium", "Presidium";
        Overig => "overig", "Overig";
    }
}

vocabulary! {
    /// `functie` of a Persoon.
    Functie {
        Burgemeester => "burgemeester", "Burgemeester";
        Wethouder => "wethouder", "Wethouder";
        Raadslid => "raadslid", "Raadslid";
        Burgerlid => "burgerlid", "Burgerlid";
        Griffier => "griffier", "Griffier";
        Gemeentesecretaris => "gemeentesecretaris", "Gemeentesecretaris";
        Overig => "overig", "Overig";
    }
}

vocabulary! {
    /// `status` of a Vergadering. Default: `gepland` before the reference
    /// date, else `gehouden`.
    VergaderStatus {
        Gepland => "gepland", "Gepland";
        Gehouden => "gehouden", "Gehouden";
        Geannuleerd => "geannuleerd", "Geannuleerd";
    }
}

vocabulary! {
    /// `uitslag`: the outcome of a besluit, motie or amendement.
    /// `kennisgenomen` is a besluitspoor extension: the college "neemt kennis
    /// van" a decision of another body, as Middelburg's besluitenlijsten record.
    Uitslag {
        Conform => "conform", "Conform besloten";
        Gewijzigd => "gewijzigd", "Gewijzigd besloten";
        Aangenomen => "aangenomen", "Aangenomen";
        UnaniemAangenomen => "unaniem-aangenomen", "Unaniem aangenomen";
        GeamendeerdAangenomen => "geamendeerd-aangenomen", "Geamendeerd aangenomen";
        Verworpen => "verworpen", "Verworpen";
        Aangehouden => "aangehouden", "Aangehouden";
        Ingetrokken => "ingetrokken", "Ingetrokken";
        Kennisgenomen => "kennisgenomen", "Kennisgenomen";
    }
}

impl Uitslag {
    /// True when the outcome adopts the proposal (and so may need follow-up).
    pub fn is_adopted(self) -> bool {
        matches!(
            self,
            Uitslag::Conform
                | Uitslag::Gewijzigd
                | Uitslag::Aangenomen
                | Uitslag::UnaniemAangenomen
                | Uitslag::GeamendeerdAangenomen
        )
    }
}

vocabulary! {
    /// `motietype` of a Motie.
    Motietype {
        Voorstel => "voorstel", "Motie";
        Vreemd => "vreemd", "Motie vreemd aan de orde van de dag";
        Afkeuring => "afkeuring", "Motie van afkeuring";
        Treurnis => "treurnis", "Motie van treurnis";
        Wantrouwen => "wantrouwen", "Motie van wantrouwen";
        Overig => "overig", "Motie";
    }
}

vocabulary! {
    /// `soort` of a Stuk.
    StukSoort {
        Raadsvoorstel => "raadsvoorstel", "Raadsvoorstel";
        Raadsinformatiebrief => "raadsinformatiebrief", "Raadsinformatiebrief";
        IngekomenStuk => "ingekomen-stuk", "Ingekomen stuk";
        Rapport => "rapport", "Rapport";
        Notulen => "notulen", "Notulen";
        Overig => "overig", "Stuk";
    }
}

vocabulary! {
    /// `opvolging.status`. "Te laat" is not in this list: it is derived
    /// (content-format.md, "opvolging").
    OpvolgingStatus {
        Openstaand => "openstaand", "Openstaand";
        DeelsVoldaan => "deels-voldaan", "Deels voldaan";
        Voldaan => "voldaan", "Voldaan";
        Vervallen => "vervallen", "Vervallen";
    }
}

impl OpvolgingStatus {
    /// Open statuses can become overdue; closed ones cannot.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            OpvolgingStatus::Openstaand | OpvolgingStatus::DeelsVoldaan
        )
    }
}
