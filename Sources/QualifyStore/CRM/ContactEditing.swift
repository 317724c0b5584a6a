import Foundation
import GRDB

extension QualifyDatabase {
    /// Changes a contact's title, e-mail or phone (nil leaves it; "" clears it):
    /// a letter sent as e-mail needs the addressee's address. `name` may be the contact's
    /// e-mail or CRM id instead, which says which of two of one name it is.
    @discardableResult
    public func setContact(named name: String, account accountName: String, title: String? = nil,
                           email: String? = nil, phone: String? = nil, by changedBy: String) throws(StoreError) -> Contact {
        let email = try email.map { (raw: String) throws(StoreError) in try Self.validEmail(raw) ?? "" }
        return try write { db in
            let account = try Self.account(named: accountName, in: db)
            let example = Self.example(among: try Self.contacts(named: name, accountId: account.id!, in: db))
            let original = try Self.contact(named: name, accountId: account.id!, sayWhich: "say which by its e-mail or CRM id in place of the name, "
                                                + "as in qualify contact set \(example) --account \"\(account.name)\" --title TITLE", in: db)
            var contact = original
            if let title { contact.title = Self.blankIsNil(title) }
            if let email { contact.email = Self.blankIsNil(email) }
            if let phone { contact.phone = Self.blankIsNil(phone) }
            try contact.update(db)
            try FieldHistory.record(from: original, to: contact, by: changedBy, in: db)
            return contact
        }
    }
}
