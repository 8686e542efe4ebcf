//! The endpoints T1–T22 by name: their contract id, what they are for (in error messages),
//! and the sentence each business-failure code means for them (Q5: production servers
//! send `{"code":1000}` with no message, so the meaning has to come from here).

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    Login,
    Logout,
    Ping,
    User,
    SetNickname,
    SetPortraitUri,
    ImageToken,
    ChangePassword,
    SetGender,
    SetStAccount,
    Friends,
    Groups,
    Blacklist,
    Unblock,
    GetScreenCapture,
    SetScreenCapture,
    SendScreenCaptureNotice,
    LatestUpdate,
    ClientVersion,
    MobileVersion,
    SendMessage,
    Sync,
}

impl Endpoint {
    /// The contract's id (`T1` … `T22`).
    pub fn id(self) -> &'static str {
        use Endpoint::*;
        match self {
            Login => "T1",
            Logout => "T2",
            Ping => "T3",
            User => "T4",
            SetNickname => "T5",
            SetPortraitUri => "T6",
            ImageToken => "T7",
            ChangePassword => "T8",
            SetGender => "T9",
            SetStAccount => "T10",
            Friends => "T11",
            Groups => "T12",
            Blacklist => "T13",
            Unblock => "T14",
            GetScreenCapture => "T15",
            SetScreenCapture => "T16",
            SendScreenCaptureNotice => "T17",
            LatestUpdate => "T18",
            ClientVersion => "T19",
            MobileVersion => "T20",
            SendMessage => "T21",
            Sync => "T22",
        }
    }

    /// What the endpoint does, for "this server does not support …".
    pub fn purpose(self) -> &'static str {
        use Endpoint::*;
        match self {
            Login => "password login",
            Logout => "logging out",
            Ping => "the ping check",
            User => "user profiles",
            SetNickname => "changing the nickname",
            SetPortraitUri => "changing the portrait",
            ImageToken => "image uploads",
            ChangePassword => "changing the password",
            SetGender => "changing the gender",
            SetStAccount => "setting a SealTalk account id",
            Friends => "the friend list",
            Groups => "the group list",
            Blacklist => "the blacklist",
            Unblock => "unblocking users",
            GetScreenCapture | SetScreenCapture | SendScreenCaptureNotice => {
                "screen-capture notices"
            }
            LatestUpdate => "the desktop update check",
            ClientVersion | MobileVersion => "the mobile client versions",
            SendMessage => "sending messages",
            Sync => "sync",
        }
    }

    /// The sentence for a business failure `{"code":N}` of this endpoint.
    pub fn refusal(self, code: i64) -> String {
        use Endpoint::*;
        let sentence = match (self, code) {
            // 2016-era servers answered 1000 for a wrong password too (T1).
            (Login, 1000 | 1001) => "wrong phone number or password",
            (ChangePassword, 1000) => "the current password is wrong",
            (SetStAccount, 1000) => {
                "this SealTalk account id is already taken (by someone else or by you)"
            }
            _ => return format!("the server refused {} (code {code})", self.purpose()),
        };
        sentence.to_owned()
    }
}
