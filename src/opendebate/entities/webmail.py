"""Mail domains anyone can get an address in, so that holding one says nothing about who the
holder speaks for: an entity's contact there does not register the domain to the entity.

Kept by hand; a domain missing here only means a delegation's request for an address in it
goes to the Secretariat once another entity has a confirmed address there, never that an
address is given away.
"""

PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "126.com",
        "163.com",
        "aol.com",
        "bk.ru",
        "fastmail.com",
        "foxmail.com",
        "free.fr",
        "gmail.com",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "googlemail.com",
        "hotmail.co.uk",
        "hotmail.com",
        "hotmail.fr",
        "icloud.com",
        "inbox.ru",
        "laposte.net",
        "libero.it",
        "list.ru",
        "live.com",
        "mac.com",
        "mail.com",
        "mail.ru",
        "me.com",
        "msn.com",
        "naver.com",
        "orange.fr",
        "outlook.com",
        "outlook.fr",
        "proton.me",
        "protonmail.com",
        "qq.com",
        "rambler.ru",
        "sina.com",
        "tutanota.com",
        "web.de",
        "yahoo.co.uk",
        "yahoo.com",
        "yahoo.fr",
        "yandex.com",
        "yandex.ru",
        "yeah.net",
        "ymail.com",
        "zoho.com",
    }
)
