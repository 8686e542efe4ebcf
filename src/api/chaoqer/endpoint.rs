//! The endpoints Q1–Q24 (and Q24b, the upload to OSS) by name: their contract id, what
//! they are for (in error sentences), and whether the services refuse a repeat within
//! 500 ms ("Call Duplicate").

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    SendCode,
    Login,
    Logout,
    InitProfile,
    EditProfile,
    Profile,
    Blocked,
    Block,
    Unblock,
    Messages,
    UnreadTotal,
    Cards,
    SendCard,
    DeleteCard,
    Clubs,
    Club,
    ClubMembers,
    JoinClub,
    LeaveClub,
    Events,
    Event,
    LatestVersion,
    Feedback,
    UploadSlot,
    Upload,
}

impl Endpoint {
    /// The contract's id (`Q1` … `Q24`, `Q24b`).
    pub fn id(self) -> &'static str {
        use Endpoint::*;
        match self {
            SendCode => "Q1",
            Login => "Q2",
            Logout => "Q3",
            InitProfile => "Q4",
            EditProfile => "Q5",
            Profile => "Q6",
            Blocked => "Q7",
            Block => "Q8",
            Unblock => "Q9",
            Messages => "Q10",
            UnreadTotal => "Q11",
            Cards => "Q12",
            SendCard => "Q13",
            DeleteCard => "Q14",
            Clubs => "Q15",
            Club => "Q16",
            ClubMembers => "Q17",
            JoinClub => "Q18",
            LeaveClub => "Q19",
            Events => "Q20",
            Event => "Q21",
            LatestVersion => "Q22",
            Feedback => "Q23",
            UploadSlot => "Q24",
            Upload => "Q24b",
        }
    }

    /// What the call does, for "the server refused …".
    pub fn purpose(self) -> &'static str {
        use Endpoint::*;
        match self {
            SendCode => "sending the SMS code",
            Login => "the login",
            Logout => "the logout",
            InitProfile => "completing the profile",
            EditProfile => "the profile change",
            Profile => "the profile",
            Blocked => "the block list",
            Block => "blocking the user",
            Unblock => "unblocking the user",
            Messages => "the messages",
            UnreadTotal => "the unread total",
            Cards => "the cards",
            SendCard => "sending your card",
            DeleteCard => "removing the card",
            Clubs => "the club list",
            Club => "the club",
            ClubMembers => "the club's members",
            JoinClub => "joining the club",
            LeaveClub => "leaving the club",
            Events => "the event list",
            Event => "the event",
            LatestVersion => "the app version check",
            Feedback => "the feedback",
            UploadSlot => "the image upload address",
            Upload => "the image upload",
        }
    }

    /// The writes the services refuse when repeated identically within 500 ms.
    pub fn is_duplicate_checked(self) -> bool {
        use Endpoint::*;
        matches!(
            self,
            SendCode
                | Login
                | Logout
                | InitProfile
                | EditProfile
                | Block
                | Unblock
                | SendCard
                | DeleteCard
                | JoinClub
                | LeaveClub
                | Feedback
        )
    }

    /// The sentence for a failure envelope's `errorCode` (`OperateErrorCode.java`); `None`
    /// for 0, whose meaning is the server's message alone.
    pub fn code_sentence(self, code: i64) -> Option<String> {
        let sentence = match code {
            0 => return None,
            100000 => "this account does not exist",
            100001 => "this account already exists",
            100002 => "this account is frozen",
            200000 => "the profile of this account is not complete yet",
            200001 => "the profile is already complete",
            200002 => "this user does not exist (or has not completed their profile)",
            200003 => "this message does not exist",
            400000 => "this live room was dissolved",
            400001 => "this live room cannot be joined",
            500000 if self == Endpoint::LeaveClub => {
                "this club does not exist, or you are not a member of it"
            }
            500000 => "this club does not exist",
            600000 => "this event does not exist",
            _ => {
                return Some(format!(
                    "the server refused {} (error code {code})",
                    self.purpose()
                ));
            }
        };
        Some(sentence.to_owned())
    }
}
