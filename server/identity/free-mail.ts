/**
 * Consumer mailbox providers: an address at one of these says nothing about the employer.
 * Registrable domains only; country variants of the big providers are listed explicitly.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de',
  'hotmail.it', 'hotmail.es', 'hotmail.se', 'live.com', 'live.co.uk', 'live.se', 'live.fr', 'msn.com',
  'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.es', 'yahoo.it', 'yahoo.se', 'yahoo.co.jp',
  'yahoo.com.br', 'yahoo.co.in', 'ymail.com', 'rocketmail.com', 'aol.com', 'aim.com', 'icloud.com', 'me.com',
  'mac.com', 'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'tutanota.com', 'tuta.io', 'gmx.com',
  'gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'web.de', 't-online.de', 'freenet.de', 'mail.com', 'email.com',
  'zoho.com', 'zohomail.com', 'yandex.com', 'yandex.ru', 'ya.ru', 'mail.ru', 'bk.ru', 'inbox.ru', 'list.ru',
  'rambler.ru', 'qq.com', '163.com', '126.com', 'sina.com', 'sohu.com', 'naver.com', 'daum.net', 'hanmail.net',
  'rediffmail.com', 'orange.fr', 'wanadoo.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'libero.it', 'virgilio.it',
  'tiscali.it', 'btinternet.com', 'sky.com', 'virginmedia.com', 'comcast.net', 'verizon.net', 'att.net',
  'sbcglobal.net', 'bellsouth.net', 'cox.net', 'charter.net', 'earthlink.net', 'telia.com', 'bredband.net',
  'hey.com', 'fastmail.com', 'fastmail.fm', 'hushmail.com', 'mailbox.org', 'posteo.de', 'seznam.cz',
  'wp.pl', 'o2.pl', 'interia.pl', 'onet.pl', 'uol.com.br', 'bol.com.br', 'terra.com.br',
]);
