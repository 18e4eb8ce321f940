// What values look like: the words CRMs use for deal outcomes, stages, lead sources, segments,
// activity types... in English, French, Dutch and German. All entries are normalised
// (normaliseText: lower case, no accents, no punctuation). Pure.
import { containsPhrase, normaliseText } from './text';

function set(...groups: string[][]): ReadonlySet<string> {
  return new Set(groups.flat().map(normaliseText));
}

// ---------------------------------------------------------------------------------------------
// Deal outcome

const WON_PHRASES = set([
  'won', 'closed won', 'win', 'gagne', 'gagnee', 'gagnes', 'gagnees', 'affaire gagnee', 'signe', 'signee', 'vendu',
  'vendue', 'conclu', 'conclue', 'gewonnen', 'gesloten gewonnen', 'abgeschlossen gewonnen', 'gewonnen abgeschlossen',
  'auftrag', 'auftrag erhalten', 'beauftragt', 'getekend', 'verkocht', 'verkauft', 'commande', 'commande recue',
  'closed won signed', 'success', 'succes', 'order', 'ordered', 'akkoord', 'accepte', 'accepted', 'accord',
]);
/** Words that mark an outcome inside a longer value ("Closed Won", "Won - Signed", "Affaire gagnée"). */
const WON_WORDS = set(['won', 'gagne', 'gagnee', 'gewonnen', 'signee', 'signe', 'getekend']);
const LOST_PHRASES = set([
  'lost', 'closed lost', 'lose', 'perdu', 'perdue', 'perdus', 'affaire perdue', 'abandonne', 'abandonnee', 'sans suite',
  'annule', 'annulee', 'refuse', 'refusee', 'verloren', 'gesloten verloren', 'abgeschlossen verloren',
  'verloren abgeschlossen', 'abgelehnt', 'abgesagt', 'storniert', 'geannuleerd', 'afgewezen', 'cancelled', 'canceled',
  'declined', 'rejected', 'dead', 'no deal', 'disqualified', 'disqualifie', 'gedisqualificeerd', 'disqualifiziert',
  'closed lost no decision', 'no go', 'nogo', 'niet doorgegaan', 'verworpen',
]);
const LOST_WORDS = set(['lost', 'perdu', 'perdue', 'verloren', 'abandonne', 'abandonnee', 'loss']);
const OPEN_PHRASES = set([
  'open', 'opened', 'in progress', 'en cours', 'ouvert', 'ouverte', 'offen', 'laufend', 'in bearbeitung', 'aktiv',
  'active', 'actief', 'lopend', 'openstaand', 'pending', 'en attente', 'todo', 'to do', 'a faire', 'standby',
  'stand by', 'in behandeling', 'ongoing', 'in arbeit', 'nicht abgeschlossen', 'in progres', 'en suspens',
]);

export type Outcome = 'won' | 'lost' | 'open';

/** The outcome a status (or stage) value names, if it names one. */
export function outcomeOf(value: string): Outcome | null {
  const v = normaliseText(value);
  if (v.length === 0) return null;
  if (WON_PHRASES.has(v)) return 'won';
  if (LOST_PHRASES.has(v)) return 'lost';
  if (OPEN_PHRASES.has(v)) return 'open';
  const ws = v.split(' ');
  const won = ws.some((w) => WON_WORDS.has(w));
  const lost = ws.some((w) => LOST_WORDS.has(w));
  if (won && !lost) return 'won';
  if (lost && !won) return 'lost';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Stages: usual names and their usual order (1 = earliest). Won/lost stages are told apart by
// outcomeOf.

const STAGE_RANKS: readonly [number, string[]][] = [
  [1, ['lead', 'leads', 'new', 'new lead', 'incoming', 'nouveau', 'nouvelle', 'nieuw', 'neu', 'prospect', 'prospecting',
    'prospection', 'suspect', 'contact', 'contacted', 'contacte', 'initial contact', 'premier contact', 'eerste contact',
    'erstkontakt', 'kontaktaufnahme', 'to contact', 'a contacter', 'idea', 'identified', 'identifie', 'identificatie',
    'lead in', 'cold', 'target', 'cible', 'qualifying', 'ingekomen']],
  [2, ['qualification', 'qualify', 'qualified', 'qualifie', 'qualifiee', 'gekwalificeerd', 'kwalificatie',
    'qualifizierung', 'qualifiziert', 'discovery', 'decouverte', 'ontdekking', 'engaging', 'engaged', 'interest',
    'interesse', 'interested', 'interesse', 'appointment scheduled', 'meeting scheduled', 'rendez vous', 'rdv',
    'first meeting', 'premier rendez vous', 'afspraak', 'afspraak gepland', 'termin vereinbart', 'erstgesprach',
    'sales qualified', 'pre qualified', 'warm']],
  [3, ['needs analysis', 'analyse des besoins', 'analyse du besoin', 'behoefteanalyse', 'bedarfsanalyse', 'value proposition',
    'id decision makers', 'perception analysis', 'demo', 'demo scheduled', 'demonstration', 'demonstratie', 'vorfuhrung',
    'presentation', 'presentation scheduled', 'presentatie', 'prasentation', 'solution', 'solution design', 'evaluation',
    'decision maker bought in', 'etude', 'audit', 'analyse', 'analysis', 'scoping', 'hot', 'besoin identifie']],
  [4, ['proposal', 'proposition', 'proposition commerciale', 'proposition envoyee', 'offre', 'offre envoyee', 'devis',
    'devis envoye', 'quote', 'quotation', 'proposal price quote', 'price quote', 'offerte', 'offerte verstuurd',
    'offerte verzonden', 'angebot', 'angebot erstellt', 'angebot versendet', 'angebot verschickt', 'initial offer',
    'proposal sent', 'proposal made', 'pricing', 'quote sent', 'voorstel']],
  [5, ['negotiation', 'negotiation review', 'negociation', 'negotiating', 'onderhandeling', 'onderhandelingen',
    'verhandlung', 'verhandlungen', 'review', 'commit', 'contract sent', 'contract', 'contrat', 'contrat envoye',
    'verbal', 'verbal agreement', 'accord verbal', 'closing', 'decision', 'decision pending', 'beslissing',
    'entscheidung', 'vertrag', 'vertragsverhandlung', 'contractfase', 'finalisation', 'finalization', 'signature',
    'en signature', 'ter ondertekening', 'zur unterschrift', 'short list', 'shortlist']],
];
const STAGE_RANK = new Map<string, number>();
for (const [rank, names] of STAGE_RANKS) for (const n of names) STAGE_RANK.set(normaliseText(n), rank);

/**
 * The usual position (1-5) of an open stage name; null if unknown. Exact names, also behind an
 * enumeration ("1. Prospect", "03 - Proposal"); with `loose`, also names found inside a longer
 * one ("Proposal sent to CFO").
 */
export function stageRank(value: string, loose = true): number | null {
  const v = normaliseText(value);
  const direct = STAGE_RANK.get(v);
  if (direct !== undefined) return direct;
  const stripped = v.replace(/^(stage|step|phase|etape|fase|stufe)?\s*\d+\s*/, '');
  const again = STAGE_RANK.get(stripped);
  if (again !== undefined) return again;
  if (!loose) return null;
  let best: number | null = null;
  for (const [name, rank] of STAGE_RANK) {
    if (name.length >= 4 && containsPhrase(stripped, name) && (best === null || rank > best)) best = rank;
  }
  return best;
}

/** "1. Prospect" -> 1, "Stage 3" -> 3, "03 - Proposal" -> 3. */
export function stageNumber(value: string): number | null {
  const m = /^\s*(?:stage|step|phase|etape|étape|fase|stufe)?\s*(\d{1,2})\s*(?:[.)\-:/]|\s)/i.exec(value);
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------------------------------------
// Other value vocabularies (whole-value matches unless said otherwise)

export const LEAD_SOURCE_WORDS = set([
  'website', 'web', 'site', 'site web', 'site internet', 'internet', 'online', 'online store', 'onlinestore', 'webshop',
  'web research', 'web form', 'formulaire', 'formulaire web', 'webformulier', 'kontaktformular', 'seo', 'sea', 'google',
  'adwords', 'google ads', 'bing', 'organic', 'organic search', 'paid search', 'search', 'direct traffic', 'direct',
  'referral', 'referrals', 'referral sites', 'employee referral', 'external referral', 'reference', 'recommendation',
  'recommandation', 'bouche a oreille', 'word of mouth', 'aanbeveling', 'doorverwijzing', 'mond tot mond',
  'empfehlung', 'weiterempfehlung', 'partner', 'partners', 'partenaire', 'partenaires',
  'trade show', 'tradeshow', 'salon', 'beurs', 'messe', 'event', 'events', 'evenement', 'evenementen', 'veranstaltung',
  'conference', 'conferentie', 'konferenz', 'seminar', 'seminaire', 'webinar', 'webinaire', 'cold call', 'cold calling',
  'outbound', 'outbound call', 'inbound', 'inbound call', 'phone', 'telephone', 'appel entrant', 'phoning', 'prospection',
  'prospection telephonique', 'kaltakquise', 'acquisitie', 'koude acquisitie', 'advertisement', 'advertising', 'ads',
  'publicite', 'reclame', 'advertentie', 'werbung', 'anzeige', 'linkedin', 'linkedin ads', 'facebook', 'twitter',
  'social', 'social media', 'reseaux sociaux', 'sociale media', 'email', 'e mail', 'emailing', 'mailing', 'newsletter',
  'e mailing', 'campaign', 'campagne', 'kampagne', 'chat', 'olark chat', 'live chat', 'purchased list', 'liste achetee',
  'fichier', 'direct mail', 'public relations', 'pr', 'press', 'presse', 'sales mail alias', 'existing customer',
  'client existant', 'bestaande klant', 'bestandskunde', 'salon professionnel', 'vakbeurs', 'fachmesse', 'apporteur d affaires', 'apporteur',
  'reseau', 'netwerk', 'netzwerk', 'network', 'networking', 'affiliate', 'affiliation', 'mailchimp', 'hubspot',
  'offline sources', 'organic social', 'paid social', 'email marketing', 'other campaigns', 'welingak website',
  'reference site', 'referral program', 'partner referral', 'customer referral', 'inbound lead', 'outbound prospecting',
]);

export const SEGMENT_WORDS = set([
  'gold', 'silver', 'bronze', 'platinum', 'platinium', 'diamond', 'or', 'argent', 'goud', 'zilver', 'brons', 'silber',
  'key account', 'key accounts', 'strategic', 'strategique', 'strategisch', 'grand compte', 'grands comptes', 'pme',
  'tpe', 'eti', 'ge', 'kmo', 'mkb', 'kmu', 'grosskunde', 'grosskunden', 'premium', 'standard', 'basic', 'vip',
  'enterprise', 'mid market', 'midmarket', 'smb', 'sme', 'large', 'medium', 'small', 'corporate', 'large account',
  'large accounts', 'mid size', 'commercial', 'public', 'startup', 'start up', 'grand groupe', 'grootzakelijk',
  'zakelijk', 'particulier', 'professionnel', 'prive', 'b2b', 'b2c', 'a', 'b', 'c', 'd', 'a klant', 'b klant', 'c klant',
  'a kunde', 'b kunde', 'c kunde', 'a client', 'b client', 'c client', 'top', 'key', 'core', 'growth', 'tier a', 'tier b',
  'tier c',
]);
const SEGMENT_PATTERN = /^(tier|niveau|klasse|class|classe|categorie|category|kategorie|segment|rang|level)\s*([0-9]|[a-e]|i{1,3}|iv)$/;

export const ACCOUNT_TYPE_WORDS = set([
  'customer', 'client', 'clients', 'prospect', 'prospects', 'partner', 'partenaire', 'reseller', 'revendeur',
  'distributor', 'distributeur', 'competitor', 'concurrent', 'supplier', 'fournisseur', 'vendor', 'investor', 'press',
  'analyst', 'integrator', 'integrateur', 'klant', 'leverancier', 'wederverkoper', 'kunde', 'interessent', 'handler',
  'lieferant', 'wiederverkaufer', 'bestandskunde', 'neukunde', 'ancien client', 'former customer', 'ex client',
  'suspect', 'lead', 'other', 'autre', 'andere', 'sonstige', 'partner reseller', 'oud klant', 'ex klant',
  'ehemaliger kunde', 'potentieller kunde', 'prospect client', 'client actif', 'client inactif', 'actieve klant',
]);

export const INDUSTRY_WORDS = set([
  'technology', 'technologie', 'tech', 'software', 'logiciel', 'it', 'it services', 'services informatiques', 'retail',
  'commerce', 'distribution', 'handel', 'detailhandel', 'einzelhandel', 'groothandel', 'grosshandel', 'wholesale',
  'manufacturing', 'industrie', 'industry', 'industrial', 'fabrication', 'productie', 'fertigung', 'maschinenbau',
  'healthcare', 'health', 'sante', 'medical', 'medisch', 'gezondheidszorg', 'zorg', 'gesundheitswesen', 'pharma',
  'pharmaceutical', 'pharmaceutique', 'finance', 'financial services', 'banking', 'banque', 'bank', 'banken',
  'insurance', 'assurance', 'assurances', 'verzekering', 'verzekeringen', 'versicherung', 'versicherungen', 'education',
  'enseignement', 'formation', 'onderwijs', 'bildung', 'government', 'government military', 'public sector',
  'secteur public', 'administration', 'overheid', 'publieke sector', 'offentlicher dienst', 'offentliche verwaltung',
  'telecommunications', 'telecom', 'telecoms', 'communications', 'energy', 'energie', 'utilities', 'construction', 'btp',
  'batiment', 'bouw', 'bau', 'bauwesen', 'consulting', 'conseil', 'advies', 'beratung', 'professional services',
  'services', 'dienstverlening', 'dienstleistungen', 'dienstleistung', 'logistics', 'logistique', 'logistiek',
  'logistik', 'transport', 'transportation', 'transports', 'transport logistique', 'automotive', 'automobile',
  'food', 'agroalimentaire', 'voeding', 'lebensmittel', 'food beverage', 'hospitality', 'hotellerie', 'horeca',
  'gastronomie', 'real estate', 'immobilier', 'vastgoed', 'immobilien', 'media', 'medias', 'entertainment', 'marketing',
  'legal', 'juridique', 'chemicals', 'chimie', 'chemie', 'aerospace', 'agriculture', 'landbouw', 'landwirtschaft',
  'non profit', 'association', 'service provider', 'employment', 'manufacturing industry', 'electronics', 'electronique',
  'textile', 'tourism', 'tourisme', 'toerisme', 'tourismus', 'architecture', 'engineering', 'ingenierie', 'ingenieurswesen',
  'medical devices', 'biotech', 'biotechnology', 'e commerce', 'ecommerce', 'services aux entreprises', 'industrie manufacturiere',
]);

const COUNTRIES = [
  'france', 'belgium', 'belgique', 'belgie', 'belgien', 'netherlands', 'the netherlands', 'pays bas', 'nederland',
  'niederlande', 'germany', 'allemagne', 'duitsland', 'deutschland', 'luxembourg', 'luxemburg', 'switzerland',
  'suisse', 'zwitserland', 'schweiz', 'austria', 'autriche', 'oostenrijk', 'osterreich', 'united kingdom', 'uk',
  'royaume uni', 'verenigd koninkrijk', 'vereinigtes konigreich', 'england', 'ireland', 'irlande', 'ierland', 'irland',
  'spain', 'espagne', 'spanje', 'spanien', 'italy', 'italie', 'italien', 'portugal', 'denmark', 'danemark', 'denemarken',
  'danemark', 'danmark', 'sweden', 'suede', 'zweden', 'schweden', 'norway', 'norvege', 'noorwegen', 'norwegen', 'finland',
  'finlande', 'finnland', 'poland', 'pologne', 'polen', 'united states', 'usa', 'us', 'etats unis', 'verenigde staten',
  'vereinigte staaten', 'canada', 'kanada', 'mexico', 'brazil', 'bresil', 'brasilien', 'china', 'chine', 'japan', 'japon',
  'india', 'inde', 'indien', 'australia', 'australie', 'australien', 'kenya', 'philipines', 'philippines', 'korea',
  'jordan', 'panama', 'romania', 'belarus', 'italy', 'south africa', 'singapore',
];
const REGIONS = [
  'north', 'south', 'east', 'west', 'central', 'centre', 'center', 'nord', 'sud', 'est', 'ouest', 'noord', 'zuid', 'oost',
  'ost', 'midden', 'mitte', 'north east', 'north west', 'south east', 'south west', 'nord est', 'nord ouest', 'sud est',
  'sud ouest', 'emea', 'apac', 'amer', 'americas', 'latam', 'na', 'eu', 'dach', 'benelux', 'nordics', 'nordic', 'europe',
  'europa', 'asia', 'asie', 'azie', 'asien', 'africa', 'afrique', 'afrika', 'middle east', 'moyen orient',
  'ile de france', 'auvergne rhone alpes', 'hauts de france', 'grand est', 'nouvelle aquitaine', 'occitanie',
  'bretagne', 'normandie', 'pays de la loire', 'provence alpes cote d azur', 'paca', 'bourgogne franche comte',
  'centre val de loire', 'corse', 'wallonie', 'wallonia', 'flandre', 'flanders', 'vlaanderen', 'bruxelles', 'brussels',
  'brussel', 'noord holland', 'zuid holland', 'utrecht', 'noord brabant', 'gelderland', 'limburg', 'overijssel',
  'groningen', 'friesland', 'drenthe', 'flevoland', 'zeeland', 'antwerpen', 'oost vlaanderen', 'west vlaanderen',
  'bayern', 'baden wurttemberg', 'nordrhein westfalen', 'nrw', 'hessen', 'niedersachsen', 'sachsen', 'berlin', 'hamburg',
  'randstad', 'uk ireland', 'iberia', 'italy', 'paris', 'lyon', 'marseille', 'lille', 'nantes', 'bordeaux', 'toulouse',
  'amsterdam', 'rotterdam', 'munchen', 'munich', 'frankfurt', 'koln', 'london',
];
export const REGION_WORDS = set(COUNTRIES, REGIONS);

export const LOSS_REASON_WORDS = set([
  'price', 'too expensive', 'pricing', 'competitor', 'competition', 'lost to competitor', 'no budget', 'budget', 'timing',
  'bad timing', 'no decision', 'no need', 'no response', 'not interested', 'product fit', 'features', 'missing feature',
  'prix', 'trop cher', 'concurrent', 'concurrence', 'pas de budget', 'budget insuffisant', 'delai', 'delais',
  'pas de besoin', 'pas de decision', 'pas de reponse', 'pas interesse', 'mauvais timing', 'prijs', 'te duur',
  'concurrentie', 'geen budget', 'geen beslissing', 'geen behoefte', 'geen reactie', 'geen interesse', 'preis',
  'zu teuer', 'wettbewerber', 'wettbewerb', 'konkurrenz', 'kein budget', 'keine entscheidung', 'kein bedarf',
  'zeitpunkt', 'keine ruckmeldung', 'kein interesse', 'other', 'autre', 'andere', 'sonstiges', 'projet abandonne',
  'project cancelled', 'project geannuleerd', 'projekt abgebrochen', 'went dark', 'unresponsive', 'fonctionnalites',
  'functionaliteit', 'funktionsumfang',
]);

export const ACTIVITY_TYPE_WORDS = set([
  'call', 'calls', 'phone call', 'phone', 'appel', 'appels', 'appel telephonique', 'telephone', 'telefoon',
  'telefoongesprek', 'bellen', 'gesprek', 'anruf', 'telefonat', 'email', 'e mail', 'mail', 'courriel', 'meeting',
  'meetings', 'reunion', 'rendez vous', 'rdv', 'afspraak', 'vergadering', 'termin', 'besprechung', 'demo',
  'demonstration', 'demonstratie', 'vorfuhrung', 'visit', 'visite', 'bezoek', 'besuch', 'kundenbesuch', 'task', 'tache',
  'taak', 'aufgabe', 'note', 'notitie', 'notiz', 'lunch', 'dejeuner', 'sms', 'linkedin', 'linkedin message',
  'inbound', 'outbound', 'event', 'evenement', 'deadline', 'follow up', 'relance', 'opvolging', 'nachfassen',
  'video call', 'visio', 'visioconference', 'videogesprek', 'videoanruf', 'webinar', 'presentation', 'presentatie',
  'prasentation', 'whatsapp', 'letter', 'courrier', 'brief',
]);

export const OUTCOME_WORDS = set([
  'reached', 'connected', 'no answer', 'voicemail', 'left voicemail', 'voice mail', 'wrong number', 'busy', 'completed',
  'done', 'held', 'no show', 'rescheduled', 'cancelled', 'canceled', 'interested', 'not interested', 'callback',
  'call back', 'meeting booked', 'sent', 'opened', 'replied', 'bounced', 'joint', 'injoignable', 'pas de reponse',
  'repondeur', 'messagerie', 'faux numero', 'mauvais numero', 'occupe', 'effectue', 'realise', 'fait', 'annule',
  'reporte', 'a rappeler', 'interesse', 'pas interesse', 'rdv pris', 'bereikt', 'niet bereikt', 'geen antwoord',
  'voicemail ingesproken', 'verkeerd nummer', 'bezet', 'uitgevoerd', 'gedaan', 'afgerond', 'geannuleerd', 'verzet',
  'terugbellen', 'geinteresseerd', 'niet geinteresseerd', 'afspraak gemaakt', 'erreicht', 'nicht erreicht',
  'keine antwort', 'mailbox', 'falsche nummer', 'besetzt', 'erledigt', 'durchgefuhrt', 'abgesagt', 'verschoben',
  'ruckruf', 'interessiert', 'nicht interessiert', 'termin vereinbart', 'successful', 'unsuccessful', 'positive',
  'negative', 'positif', 'negatif', 'positief', 'negatief', 'positiv', 'negativ', 'planned', 'scheduled', 'prevu',
  'gepland', 'geplant',
]);

export const LEAD_STATUS_WORDS = set([
  'new', 'nouveau', 'nieuw', 'neu', 'contacted', 'contacte', 'gecontacteerd', 'kontaktiert', 'not contacted',
  'attempted to contact', 'contact in future', 'qualified', 'pre qualified', 'qualifie', 'gekwalificeerd', 'qualifiziert',
  'unqualified', 'disqualified', 'junk lead', 'lost lead', 'nurturing', 'working', 'open', 'converted', 'converti',
  'geconverteerd', 'konvertiert', 'recycled', 'a recontacter', 'en cours', 'in behandeling', 'non qualifie',
  'niet gekwalificeerd', 'nicht qualifiziert', 'in progress', 'closed', 'to contact', 'a contacter',
]);

export const YES_NO_WORDS = set(['yes', 'no', 'true', 'false', 'oui', 'non', 'ja', 'nee', 'nein', 'y', 'n', '1', '0', 'x']);

export type ValueClass =
  | 'lead_source' | 'segment' | 'account_type' | 'industry' | 'region' | 'loss_reason' | 'activity_type' | 'outcome'
  | 'lead_status' | 'yes_no';

const CLASS_SETS: Record<ValueClass, ReadonlySet<string>> = {
  lead_source: LEAD_SOURCE_WORDS,
  segment: SEGMENT_WORDS,
  account_type: ACCOUNT_TYPE_WORDS,
  industry: INDUSTRY_WORDS,
  region: REGION_WORDS,
  loss_reason: LOSS_REASON_WORDS,
  activity_type: ACTIVITY_TYPE_WORDS,
  outcome: OUTCOME_WORDS,
  lead_status: LEAD_STATUS_WORDS,
  yes_no: YES_NO_WORDS,
};

/** Classes whose words may also be found inside a longer value ("LinkedIn ads campaign"). */
const PARTIAL_CLASSES = new Set<ValueClass>(['lead_source', 'industry']);
/** Words too common to vouch for a class inside a longer value ("online medium", "direct mail order"). */
const NOT_PARTIAL = new Set(['online', 'direct', 'other', 'search', 'social', 'phone', 'event', 'events', 'press', 'chat',
  'site', 'internet', 'media', 'medias', 'services', 'service', 'health', 'food', 'public', 'industry', 'industrie',
  'commerce', 'handel', 'unknown', 'inconnu', 'fichier', 'campaign', 'campagne', 'reference', 'network']);

/** Whether a value belongs to a vocabulary. */
export function valueIn(cls: ValueClass, value: string): boolean {
  const v = normaliseText(value);
  if (v.length === 0) return false;
  const words = CLASS_SETS[cls];
  if (words.has(v)) return true;
  if (cls === 'segment' && SEGMENT_PATTERN.test(v)) return true;
  if (PARTIAL_CLASSES.has(cls)) {
    for (const w of words) if (w.length >= 4 && !NOT_PARTIAL.has(w) && containsPhrase(v, w)) return true;
  }
  return false;
}

/** "Jean Dupont", "Anna Lindqvist", "Pieter de Jong": what a person's name looks like. */
const PERSON_NAME =
  /^[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+(?:\s(?:(?:de|van|der|den|von|le|la|du|di|da|ter|ten)\s)*[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+){1,2}$/;
export function looksLikePersonName(value: string): boolean {
  return PERSON_NAME.test(value.trim());
}
