// The canonical roles (DOMAIN.md, "The canonical roles") as data: what each role means, which value
// kinds it takes, how CRMs and spreadsheets name it in English, French, Dutch and German, and the
// exact column names of the common CRM exports. Analyses refer to these ids, never to column names.
// Pure: no Node, no DOM.
import type { ValueKind } from '../import/types';
import { normaliseHeader } from './text';

// The detector lives in detect.ts and stage inference in stages.ts; both are part of this module's
// public face. (detect.ts imports this file back: it reads nothing from it while loading.)
export {
  detectRoles, detectSourceKind, headerSignature, parseRoleId,
  type ColumnEvidence, type DetectRolesOptions, type RoleProposal, type SourceKindGuess,
} from './detect';

export const ROLE_ENTITIES = ['deal', 'account', 'activity', 'cost', 'lead', 'target'] as const;
export type RoleEntity = (typeof ROLE_ENTITIES)[number];

export const ROLE_IDS = [
  'deal_id', 'deal_name', 'account', 'owner', 'team', 'pipeline', 'stage', 'status', 'amount', 'probability',
  'created_at', 'expected_close_at', 'closed_at', 'lead_source', 'segment', 'account_type', 'region', 'industry',
  'tags', 'loss_reason', 'product',
  'account_id', 'account_name',
  'activity_id', 'activity_type', 'activity_at', 'outcome',
  'cost_amount', 'cost_channel', 'cost_period',
  'lead_id', 'lead_status', 'converted',
  'target_amount', 'target_period',
] as const;
export type RoleId = (typeof ROLE_IDS)[number];

export const LANGUAGES = ['en', 'fr', 'nl', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'French', nl: 'Dutch', de: 'German' };

type Words = Readonly<Partial<Record<Language, readonly string[]>>>;

export interface RoleDefinition {
  id: RoleId;
  entity: RoleEntity;
  /** The value kinds a column must have (after import) to play the role. */
  kinds: readonly ValueKind[];
  /** One line, in English; the UI's languages have it under `roles.<id>.description` (shared/i18n). */
  description: string;
  /** Header names meaning this role, per language (matched after normalisation). */
  synonyms: Words;
  /** Names that often, not always, mean this role: matched with a lower confidence. */
  weak?: Words;
  /** Words that make any header containing them a (low-confidence) candidate. */
  anchors?: readonly string[];
  /** Words that veto an anchor match for this role. */
  blockers?: readonly string[];
}

const TEXT: readonly ValueKind[] = ['text'];
const ID: readonly ValueKind[] = ['text', 'integer'];
const MONEY: readonly ValueKind[] = ['decimal', 'integer'];
const DATE: readonly ValueKind[] = ['date', 'timestamp'];

export const ROLES: readonly RoleDefinition[] = [
  {
    id: 'deal_id', entity: 'deal', kinds: ID,
    description: 'Identifier of the deal (opportunity), unique in the deals export.',
    synonyms: {
      en: ['deal id', 'opportunity id', 'opportunity number', 'deal number', 'deal no', 'deal ref', 'deal reference',
        'potential id', 'opp id', 'opportunity id 18', 'opportunity ref'],
      fr: ['id affaire', 'numero affaire', 'numero d affaire', 'n affaire', 'no affaire', 'reference affaire', 'ref affaire',
        'code affaire', 'id opportunite', 'numero opportunite', 'identifiant affaire', 'identifiant opportunite'],
      nl: ['verkoopkans id', 'dealnummer', 'deal nummer', 'kansnummer', 'id verkoopkans', 'opportunity nummer', 'deal nr'],
      de: ['verkaufschance id', 'verkaufschancen id', 'chancen id', 'opportunity nr', 'vorgangsnummer', 'chancennummer'],
    },
  },
  {
    id: 'deal_name', entity: 'deal', kinds: TEXT,
    description: 'Name or title of the deal.',
    synonyms: {
      en: ['deal name', 'opportunity name', 'deal title', 'opportunity title', 'potential name', 'deal', 'opportunity',
        'lead title', 'potential'],
      fr: ['nom de l affaire', 'nom affaire', 'intitule', 'intitule de l affaire', 'libelle affaire', 'affaire',
        'opportunite', 'nom de l opportunite', 'titre de l affaire'],
      nl: ['naam deal', 'dealnaam', 'deal naam', 'verkoopkans', 'naam verkoopkans', 'titel verkoopkans'],
      de: ['verkaufschance', 'name der verkaufschance', 'vorgang', 'projektname', 'opportunity name', 'chance name'],
    },
  },
  {
    id: 'account', entity: 'deal', kinds: ID,
    description: 'The account (company) a deal, activity or lead belongs to, as written in that source.',
    synonyms: {
      en: ['account', 'account name', 'company', 'company name', 'organization', 'organisation', 'organization name',
        'client', 'client name', 'customer', 'customer name', 'associated company', 'associated company primary',
        'client folder', 'client folder name', 'org name', 'account_name'],
      fr: ['compte', 'nom du compte', 'societe', 'nom de la societe', 'entreprise', 'raison sociale', 'nom du client',
        'tiers', 'dossier client', 'nom entreprise', 'nom societe'],
      nl: ['accountnaam', 'bedrijf', 'bedrijfsnaam', 'organisatie', 'organisatienaam', 'klant', 'klantnaam', 'relatie',
        'firma'],
      de: ['firma', 'firmenname', 'unternehmen', 'unternehmensname', 'kunde', 'kundenname', 'konto', 'accountname',
        'auftraggeber'],
    },
    anchors: ['company', 'account', 'societe', 'bedrijf', 'firma', 'organization', 'organisation', 'organisatie'],
    blockers: ['type', 'owner', 'segment', 'tier', 'industry', 'status', 'size', 'revenue', 'manager'],
  },
  {
    id: 'owner', entity: 'deal', kinds: TEXT,
    description: 'The sales rep who owns the deal (or the account, activity, lead or target).',
    synonyms: {
      en: ['owner', 'deal owner', 'opportunity owner', 'owner name', 'sales rep', 'sales representative', 'salesperson',
        'sales person', 'salesman', 'sales agent', 'agent', 'rep', 'account manager', 'account executive', 'user',
        'assigned to', 'assignee', 'assigned user', 'responsible', 'seller', 'sales owner', 'potential owner',
        'lead owner', 'contact owner', 'call owner', 'quote owner', 'task owner', 'employee', 'sales'],
      fr: ['proprietaire', 'commercial', 'commerciale', 'responsable', 'vendeur', 'vendeuse', 'charge d affaires',
        'charge de compte', 'utilisateur', 'attribue a', 'affecte a', 'suivi par', 'collaborateur', 'ingenieur commercial',
        'ingenieur d affaires', 'business developer', 'representant', 'responsable commercial', 'commercial responsable'],
      nl: ['eigenaar', 'verkoper', 'accountmanager', 'verantwoordelijke', 'medewerker', 'gebruiker', 'toegewezen aan',
        'vertegenwoordiger', 'verkoopmedewerker', 'behandelaar', 'vertegenwoordiger'],
      de: ['vertriebsmitarbeiter', 'verantwortlicher', 'verantwortlich', 'inhaber', 'besitzer', 'eigentumer', 'verkaufer',
        'betreuer', 'kundenbetreuer', 'zustandig', 'zustandiger', 'zugewiesen an', 'benutzer', 'mitarbeiter',
        'aussendienst', 'vertriebler', 'bearbeiter'],
    },
    weak: { en: ['account owner', 'created by'], fr: ['cree par'], nl: ['aangemaakt door'], de: ['erstellt von'] },
    anchors: ['owner', 'proprietaire', 'eigenaar', 'sales rep', 'account manager', 'vertriebsmitarbeiter', 'verantwortlicher'],
  },
  {
    id: 'team', entity: 'deal', kinds: TEXT,
    description: 'The sales team (or business unit) of the owner.',
    synonyms: {
      en: ['team', 'sales team', 'team name', 'owner team', 'division', 'business unit', 'squad', 'sales group', 'hubspot team'],
      fr: ['equipe', 'equipe commerciale', 'service commercial', 'pole', 'business unit'],
      nl: ['verkoopteam', 'afdeling', 'divisie', 'team naam'],
      de: ['vertriebsteam', 'abteilung', 'bereich', 'sparte', 'vertriebsbereich'],
    },
    weak: { en: ['owner role', 'department', 'group'], fr: ['service', 'groupe', 'departement'], nl: ['groep'], de: ['gruppe'] },
    anchors: ['team', 'equipe'],
  },
  {
    id: 'pipeline', entity: 'deal', kinds: TEXT,
    description: 'The pipeline (sales process, or deal type such as new business / renewal) the deal runs in.',
    synonyms: {
      en: ['pipeline', 'pipeline name', 'sales pipeline', 'funnel', 'sales process'],
      fr: ['tunnel', 'tunnel de vente', 'processus de vente', 'pipeline commercial'],
      nl: ['pijplijn', 'verkooppijplijn', 'trechter', 'verkoopproces'],
      de: ['vertriebspipeline', 'trichter', 'vertriebsprozess', 'verkaufsprozess'],
    },
    weak: {
      en: ['deal type', 'opportunity type', 'type of deal', 'record type', 'opportunity record type'],
      fr: ['type d affaire', 'type affaire', 'type de vente', 'type d opportunite', 'nature de l affaire'],
      nl: ['type deal', 'soort deal', 'dealtype', 'type verkoopkans'],
      de: ['art der verkaufschance', 'verkaufschancentyp', 'geschaftsart', 'vorgangsart'],
    },
    anchors: ['pipeline'],
  },
  {
    id: 'stage', entity: 'deal', kinds: TEXT,
    description: 'The step of the sales process the deal is at (Prospecting, Proposal, Closed Won...).',
    synonyms: {
      en: ['stage', 'deal stage', 'opportunity stage', 'sales stage', 'pipeline stage', 'step', 'phase', 'stage name',
        'current stage'],
      fr: ['etape', 'etape de vente', 'phase', 'stade', 'etape commerciale', 'avancement', 'jalon', 'etat d avancement'],
      nl: ['fase', 'stadium', 'verkoopfase', 'stap', 'dealfase', 'pijplijnfase'],
      de: ['phase', 'stufe', 'verkaufsphase', 'vertriebsphase', 'stadium', 'schritt', 'projektphase'],
    },
    anchors: ['stage', 'etape', 'fase', 'phase', 'stufe'],
  },
  {
    id: 'status', entity: 'deal', kinds: TEXT,
    description: 'Whether the deal is open, won or lost.',
    synonyms: {
      en: ['status', 'deal status', 'opportunity status', 'won lost', 'win loss', 'closed status', 'deal outcome'],
      fr: ['statut', 'statut de l affaire', 'etat de l affaire', 'gagne perdu', 'statut affaire'],
      nl: ['status', 'dealstatus', 'status verkoopkans'],
      de: ['status', 'gewonnen verloren', 'status der verkaufschance'],
    },
    weak: { en: ['forecast type', 'sales status'] },
    anchors: ['status', 'statut'],
  },
  {
    id: 'amount', entity: 'deal', kinds: MONEY,
    description: 'The deal amount (for won deals, the signed amount).',
    synonyms: {
      en: ['amount', 'deal amount', 'opportunity amount', 'deal value', 'opportunity value', 'deal size', 'total amount',
        'grand total', 'close value', 'contract value', 'tcv', 'net amount', 'amount eur', 'amount usd'],
      fr: ['montant', 'montant ht', 'montant total', 'ca', 'chiffre d affaires', 'ca previsionnel', 'ca potentiel',
        'total ht', 'montant de l affaire', 'valeur de l affaire', 'montant total ht', 'montant estime'],
      nl: ['bedrag', 'dealwaarde', 'totaalbedrag', 'bedrag excl btw', 'omzet', 'waarde deal'],
      de: ['betrag', 'auftragswert', 'umsatz', 'gesamtbetrag', 'nettobetrag', 'auftragsvolumen', 'angebotssumme',
        'volumen', 'wert der verkaufschance'],
    },
    weak: {
      en: ['revenue', 'price', 'sales amount', 'turnover', 'sub total', 'subtotal', 'amount in company currency'],
      fr: ['prix', 'budget'], nl: ['prijs'], de: ['preis', 'summe'],
    },
    anchors: ['amount', 'montant', 'bedrag', 'betrag', 'value', 'valeur', 'waarde'],
    blockers: ['weighted', 'gewogen', 'pondere', 'gewichtet', 'expected', 'tax', 'tva', 'btw', 'mwst', 'vat', 'discount',
      'remise', 'korting', 'rabatt', 'currency', 'devise', 'valuta', 'wahrung', 'tier', 'range', 'product', 'produit',
      'mrr', 'arr', 'acv', 'average', 'moyen', 'gemiddeld', 'durchschnitt', 'cost', 'cout', 'kosten', 'target', 'objectif',
      'quota', 'budget', 'lifetime', 'total activities'],
  },
  {
    id: 'probability', entity: 'deal', kinds: ['percent', 'integer', 'decimal'],
    description: 'Probability of winning the deal, 0-100 % (or 0-1) as entered by the rep.',
    synonyms: {
      en: ['probability', 'win probability', 'deal probability', 'likelihood', 'win likelihood', 'probability of close',
        'close probability', 'forecast probability', 'chance of winning'],
      fr: ['probabilite', 'probabilite de gain', 'probabilite de signature', 'pourcentage', 'chance de succes',
        'taux de reussite', 'proba', 'probabilite de succes', 'chances de succes'],
      nl: ['kans', 'slagingskans', 'waarschijnlijkheid', 'kans op succes', 'winkans', 'percentage', 'scoringskans'],
      de: ['wahrscheinlichkeit', 'abschlusswahrscheinlichkeit', 'erfolgswahrscheinlichkeit', 'auftragswahrscheinlichkeit',
        'prozent', 'chance'],
    },
    weak: { en: ['confidence', 'percent', 'pct'] },
    anchors: ['probability', 'probabilite', 'wahrscheinlichkeit', 'likelihood', 'kans'],
    blockers: ['weighted'],
  },
  {
    id: 'created_at', entity: 'deal', kinds: DATE,
    description: 'When the deal (or lead) was created.',
    synonyms: {
      en: ['created', 'created at', 'created date', 'create date', 'creation date', 'date created', 'created on',
        'created time', 'open date', 'engage date', 'engaged date', 'date added', 'added on', 'entry date', 'deal created',
        'add time', 'opportunity created date'],
      fr: ['date de creation', 'cree le', 'creee le', 'date creation', 'date d ouverture', 'ouvert le', 'date d entree',
        'date de saisie', 'date d ajout', 'ajoute le', 'creation'],
      nl: ['aangemaakt', 'aangemaakt op', 'aanmaakdatum', 'datum aangemaakt', 'gemaakt op', 'creatiedatum', 'toegevoegd op',
        'datum toegevoegd'],
      de: ['erstellt', 'erstellt am', 'erstelldatum', 'erstellungsdatum', 'angelegt am', 'anlagedatum', 'hinzugefugt am',
        'eroffnet am', 'datum erstellt'],
    },
    weak: { en: ['start date', 'opened'], fr: ['date de debut', 'debut'], nl: ['startdatum'], de: ['startdatum', 'beginn'] },
  },
  {
    id: 'expected_close_at', entity: 'deal', kinds: DATE,
    description: 'When the deal is expected to close.',
    synonyms: {
      en: ['expected close date', 'expected close', 'expected closing date', 'estimated close date', 'estimated closing date',
        'target close date', 'forecast close date', 'projected close date', 'expected close at', 'expected closing'],
      fr: ['date de cloture prevue', 'date de cloture previsionnelle', 'date de signature prevue', 'cloture prevue',
        'date previsionnelle', 'date de cloture estimee', 'fin prevue', 'signature prevue', 'date prevue de cloture'],
      nl: ['verwachte sluitingsdatum', 'verwachte afsluitdatum', 'verwachte einddatum', 'geschatte sluitingsdatum',
        'beoogde sluitingsdatum', 'verwachte closedatum'],
      de: ['voraussichtliches abschlussdatum', 'voraussichtlicher abschluss', 'erwartetes abschlussdatum',
        'geplanter abschluss', 'geplantes abschlussdatum', 'erwarteter abschluss', 'abschluss geplant'],
    },
    weak: { en: ['due date', 'deadline'], fr: ['echeance', 'date d echeance'], nl: ['deadline'], de: ['termin'] },
  },
  {
    id: 'closed_at', entity: 'deal', kinds: DATE,
    description: 'When the deal was actually won or lost (empty while open).',
    synonyms: {
      en: ['closed at', 'closed date', 'date closed', 'closed on', 'actual close date', 'won date', 'deal closed on',
        'won on', 'signed date', 'signature date', 'date won', 'closed'],
      fr: ['cloture le', 'date de cloture reelle', 'date de signature', 'signe le', 'date de gain', 'gagne le', 'clos le',
        'ferme le'],
      nl: ['gesloten op', 'afgesloten op', 'datum gesloten', 'datum gewonnen', 'gewonnen op', 'getekend op'],
      de: ['abgeschlossen am', 'geschlossen am', 'gewonnen am', 'unterzeichnet am', 'tatsachliches abschlussdatum'],
    },
  },
  {
    id: 'lead_source', entity: 'deal', kinds: TEXT,
    description: 'Where the deal or lead came from (website, referral, trade show...).',
    synonyms: {
      en: ['lead source', 'original source', 'original source type', 'deal source', 'opportunity source', 'source channel',
        'acquisition channel', 'marketing source', 'campaign source', 'primary campaign source', 'referral source',
        'how did you hear about us', 'original traffic source'],
      fr: ['origine du contact', 'origine de l affaire', 'origine du lead', 'canal d acquisition', 'source du lead',
        'origine du prospect', 'apporteur'],
      nl: ['leadbron', 'lead bron', 'oorsprong', 'bron van de lead', 'herkomst lead'],
      de: ['lead quelle', 'leadquelle', 'akquisekanal', 'ursprung', 'kontaktquelle', 'herkunft des leads'],
    },
    anchors: ['source', 'origine', 'bron', 'quelle', 'herkunft'],
    blockers: ['type', 'origin', 'traffic', 'drill', 'data', 'record'],
  },
  {
    id: 'segment', entity: 'account', kinds: TEXT,
    description: 'Customer segment or tier (Gold / Silver / Bronze, A / B / C, key accounts...).',
    synonyms: {
      en: ['segment', 'customer segment', 'account segment', 'market segment', 'tier', 'account tier', 'customer tier',
        'customer category', 'classification', 'customer class', 'abc class', 'abc'],
      fr: ['segment', 'segmentation', 'categorie', 'categorie client', 'classe', 'typologie', 'typologie client',
        'segment client', 'classification'],
      nl: ['segment', 'klantsegment', 'categorie', 'klantcategorie', 'klasse', 'klantklasse'],
      de: ['segment', 'kundensegment', 'kategorie', 'kundenkategorie', 'klasse', 'abc klasse', 'kundenklasse'],
    },
    weak: { en: ['category', 'rating'], fr: ['niveau', 'cible'], nl: ['niveau', 'doelgroep'], de: ['zielgruppe'] },
    anchors: ['segment'],
  },
  {
    id: 'account_type', entity: 'account', kinds: TEXT,
    description: 'Kind of account: customer, prospect, partner, reseller...',
    synonyms: {
      en: ['account type', 'company type', 'customer type', 'type of account', 'relationship type', 'client type'],
      fr: ['type de compte', 'type de client', 'type client', 'type de societe', 'nature du compte', 'statut du compte',
        'statut client', 'type de tiers'],
      nl: ['accounttype', 'type klant', 'klanttype', 'soort relatie', 'relatietype', 'type relatie', 'soort klant'],
      de: ['kontotyp', 'kundentyp', 'kundenart', 'firmentyp', 'beziehungstyp', 'account typ', 'art des kunden'],
    },
    weak: { en: ['lifecycle stage', 'account status'] },
  },
  {
    id: 'region', entity: 'account', kinds: TEXT,
    description: 'Geographic region or sales territory.',
    synonyms: {
      en: ['region', 'territory', 'sales territory', 'area', 'zone', 'geography', 'geo', 'regional office', 'sales region'],
      fr: ['territoire', 'secteur geographique', 'zone geographique', 'zone'],
      nl: ['regio', 'gebied', 'verkoopgebied', 'provincie'],
      de: ['gebiet', 'vertriebsgebiet', 'bundesland', 'verkaufsgebiet'],
    },
    weak: {
      en: ['country', 'location', 'office', 'office location', 'billing country', 'market', 'billing state province', 'state'],
      fr: ['pays', 'agence'], nl: ['land', 'vestiging'], de: ['land', 'standort', 'niederlassung'],
    },
    anchors: ['region', 'territory', 'regio'],
  },
  {
    id: 'industry', entity: 'account', kinds: TEXT,
    description: 'Industry or business sector of the account.',
    synonyms: {
      en: ['industry', 'sector', 'vertical', 'business sector', 'industry sector', 'line of business'],
      fr: ['secteur', 'secteur d activite', 'activite', 'industrie', 'branche', 'filiere', 'domaine d activite'],
      nl: ['branche', 'sector', 'industrie', 'bedrijfstak', 'sector activiteit'],
      de: ['branche', 'industrie', 'sektor', 'wirtschaftszweig', 'branchenzugehorigkeit'],
    },
    weak: { en: ['naics', 'sic'], fr: ['code naf', 'naf'], nl: ['sbi'], de: ['wz code'] },
    anchors: ['industry', 'sector', 'secteur', 'branche'],
  },
  {
    id: 'tags', entity: 'deal', kinds: TEXT,
    description: 'Free labels attached to the deal.',
    synonyms: {
      en: ['tags', 'tag', 'labels', 'label', 'keywords', 'deal tags'],
      fr: ['etiquettes', 'etiquette', 'mots cles', 'mot cle'],
      nl: ['labels', 'label', 'trefwoorden'],
      de: ['schlagworte', 'schlagworter', 'etiketten', 'stichworte', 'stichworter'],
    },
  },
  {
    id: 'loss_reason', entity: 'deal', kinds: TEXT,
    description: 'Why a lost deal was lost.',
    synonyms: {
      en: ['loss reason', 'lost reason', 'reason lost', 'reason for loss', 'closed lost reason', 'why lost', 'loss cause',
        'reason for losing'],
      fr: ['motif de perte', 'raison de perte', 'raison perte', 'motif perte', 'cause de perte', 'motif d echec',
        'raison de l echec', 'raison de la perte'],
      nl: ['reden verlies', 'reden van verlies', 'verliesreden', 'reden verloren', 'reden verloren deal'],
      de: ['verlustgrund', 'grund fur verlust', 'absagegrund', 'verlustursache', 'grund des verlusts'],
    },
    weak: { en: ['reason'], fr: ['motif', 'raison'], nl: ['reden'], de: ['grund'] },
  },
  {
    id: 'product', entity: 'deal', kinds: TEXT,
    description: 'What the deal sells (product, offer or product line).',
    synonyms: {
      en: ['product', 'products', 'product name', 'offering', 'product line', 'item'],
      fr: ['produit', 'produits', 'offre', 'gamme', 'prestation', 'nom du produit'],
      nl: ['product', 'producten', 'productlijn', 'productnaam'],
      de: ['produkt', 'produkte', 'produktlinie', 'produktname'],
    },
    weak: { en: ['sku', 'solution', 'service'], fr: ['article', 'solution'], nl: ['artikel', 'dienst'], de: ['artikel', 'leistung'] },
    anchors: ['product', 'produit', 'produkt'],
    blockers: ['quantity', 'quantite', 'amount', 'price', 'prix', 'count', 'id'],
  },
  {
    id: 'account_id', entity: 'account', kinds: ID,
    description: 'Identifier of the account: the key of the accounts source, a reference elsewhere.',
    synonyms: {
      en: ['account id', 'company id', 'customer id', 'client id', 'organization id', 'associated company ids',
        'account number', 'customer number', 'account code', 'org id', 'company ids'],
      fr: ['id compte', 'code client', 'numero client', 'n client', 'code compte', 'id client', 'identifiant client',
        'code tiers', 'numero de compte', 'ref client', 'reference client'],
      nl: ['klantnummer', 'klant id', 'debiteurnummer', 'relatienummer', 'bedrijf id', 'organisatie id', 'klantnr'],
      de: ['kundennummer', 'kunden id', 'kundennr', 'firmen id', 'debitorennummer', 'konto id'],
    },
  },
  {
    id: 'account_name', entity: 'account', kinds: TEXT,
    description: 'Name of the account, in the accounts source.',
    synonyms: {
      en: ['account name', 'company name', 'organization name', 'customer name', 'account_name'],
      fr: ['raison sociale', 'nom du compte', 'nom de la societe', 'nom entreprise', 'nom du client'],
      nl: ['bedrijfsnaam', 'accountnaam', 'organisatienaam', 'klantnaam'],
      de: ['firmenname', 'unternehmensname', 'kundenname', 'accountname'],
    },
  },
  {
    id: 'activity_id', entity: 'activity', kinds: ID,
    description: 'Identifier of the activity.',
    synonyms: {
      en: ['activity id', 'task id', 'event id', 'call id', 'interaction id', 'activity number'],
      fr: ['id activite', 'id action', 'numero action', 'identifiant activite', 'numero activite'],
      nl: ['activiteit id', 'activiteitnummer', 'taak id'],
      de: ['aktivitats id', 'aktivitatsnummer', 'aufgaben id'],
    },
  },
  {
    id: 'activity_type', entity: 'activity', kinds: TEXT,
    description: 'Kind of activity: call, e-mail, meeting, demo, visit...',
    synonyms: {
      en: ['activity type', 'type of activity', 'activity', 'call type', 'task type', 'event type', 'interaction type',
        'action type'],
      fr: ['type d activite', 'type d action', 'action', 'type de tache', 'type d interaction', 'type d evenement',
        'nature de l action'],
      nl: ['activiteitstype', 'type activiteit', 'soort activiteit', 'soort', 'activiteit', 'taaktype', 'soort actie'],
      de: ['aktivitatstyp', 'aktivitatsart', 'art der aktivitat', 'aktivitat', 'aufgabentyp', 'art'],
    },
  },
  {
    id: 'activity_at', entity: 'activity', kinds: DATE,
    description: 'When the activity took (or takes) place.',
    synonyms: {
      en: ['activity date', 'activity at', 'start time', 'call start time', 'done at', 'completed at', 'date of activity',
        'activity time', 'performed at', 'scheduled at', 'due date', 'activity datetime'],
      fr: ['date de l activite', 'date de l action', 'date et heure', 'realise le', 'effectue le', 'date activite'],
      nl: ['datum activiteit', 'tijdstip', 'begintijd', 'uitgevoerd op', 'activiteitsdatum'],
      de: ['zeitpunkt', 'aktivitatsdatum', 'startzeit', 'durchgefuhrt am'],
    },
  },
  {
    id: 'outcome', entity: 'activity', kinds: TEXT,
    description: 'What came of the activity: reached, no answer, voicemail, completed...',
    synonyms: {
      en: ['outcome', 'call result', 'call outcome', 'disposition', 'call disposition', 'activity result', 'activity outcome'],
      fr: ['issue', 'resultat de l appel', 'resultat de l action', 'issue de l appel'],
      nl: ['uitkomst', 'afloop', 'resultaat gesprek'],
      de: ['ausgang', 'anrufergebnis', 'ergebnis des anrufs'],
    },
  },
  {
    id: 'cost_amount', entity: 'cost', kinds: MONEY,
    description: 'Money spent (marketing spend, cost of sales time).',
    synonyms: {
      en: ['cost', 'costs', 'cost amount', 'spend', 'spending', 'amount spent', 'actual cost', 'expense', 'expenses',
        'media spend', 'ad spend', 'marketing spend'],
      fr: ['cout', 'couts', 'depense', 'depenses', 'montant depense', 'cout reel', 'budget depense', 'frais'],
      nl: ['kosten', 'kost', 'uitgaven', 'besteding', 'werkelijke kosten', 'bestede budget'],
      de: ['kosten', 'ausgaben', 'aufwand', 'tatsachliche kosten', 'istkosten'],
    },
    weak: { en: ['budgeted cost', 'budget'] },
    anchors: ['cost', 'cout', 'kosten', 'spend', 'depense'],
  },
  {
    id: 'cost_channel', entity: 'cost', kinds: TEXT,
    description: 'What the money was spent on: channel, campaign or cost line.',
    synonyms: {
      en: ['cost channel', 'marketing channel', 'campaign type', 'medium'],
      fr: ['poste', 'poste de depense', 'levier'],
      nl: ['kostenpost'],
      de: ['kostenstelle', 'kostenart'],
    },
    weak: { en: ['campaign'], fr: ['campagne'], nl: ['campagne'], de: ['kampagne'] },
  },
  {
    id: 'cost_period', entity: 'cost', kinds: ['date', 'timestamp', 'text', 'integer'],
    description: 'The period (month, week...) the cost belongs to.',
    synonyms: { en: ['cost period', 'spend month', 'cost month'], fr: ['mois de depense'], nl: ['kostenperiode'], de: ['kostenmonat'] },
  },
  {
    id: 'lead_id', entity: 'lead', kinds: ID,
    description: 'Identifier of the lead.',
    synonyms: {
      en: ['lead id', 'prospect id', 'lead number', 'lead no'],
      fr: ['id lead', 'numero lead', 'id prospect', 'identifiant prospect', 'numero prospect'],
      nl: ['leadnummer', 'lead nummer'],
      de: ['lead nummer', 'interessenten id', 'interessentennummer'],
    },
  },
  {
    id: 'lead_status', entity: 'lead', kinds: TEXT,
    description: 'Where the lead stands: new, contacted, qualified, junk...',
    synonyms: {
      en: ['lead status', 'lead stage', 'qualification status', 'prospect status'],
      fr: ['statut du lead', 'statut lead', 'statut du prospect', 'statut prospect', 'etat du lead'],
      nl: ['leadstatus', 'status lead', 'status prospect'],
      de: ['leadstatus', 'interessentenstatus', 'status des leads'],
    },
    weak: { en: ['lifecycle stage'] },
  },
  {
    id: 'converted', entity: 'lead', kinds: ['boolean', 'integer', 'text'],
    description: 'Whether the lead was converted into an opportunity or customer.',
    synonyms: {
      en: ['converted', 'is converted', 'converted to deal', 'converted to opportunity', 'lead converted'],
      fr: ['converti', 'convertie', 'transforme', 'est converti', 'lead converti'],
      nl: ['geconverteerd', 'omgezet'],
      de: ['konvertiert', 'umgewandelt'],
    },
  },
  {
    id: 'target_amount', entity: 'target', kinds: MONEY,
    description: 'The objective (quota) for a rep, team or segment over a period.',
    synonyms: {
      en: ['target', 'target amount', 'quota', 'objective', 'goal', 'revenue target', 'sales target', 'quota amount'],
      fr: ['objectif', 'montant objectif', 'objectif de ca', 'objectif ca', 'objectif commercial'],
      nl: ['doel', 'doelstelling', 'omzetdoel', 'quotum', 'target bedrag'],
      de: ['ziel', 'zielwert', 'umsatzziel', 'sollwert', 'vorgabe', 'planwert', 'soll'],
    },
    anchors: ['target', 'quota', 'objectif', 'doelstelling', 'ziel'],
  },
  {
    id: 'target_period', entity: 'target', kinds: ['date', 'timestamp', 'text', 'integer'],
    description: 'The period (month, quarter...) a target applies to.',
    synonyms: { en: ['target period', 'target month', 'quota period'], fr: ['periode objectif'], nl: ['doelperiode'], de: ['zielzeitraum'] },
  },
];

const BY_ID = new Map<RoleId, RoleDefinition>(ROLES.map((r) => [r.id, r]));

export function roleDefinition(id: RoleId): RoleDefinition {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`unknown role ${id}`);
  return def;
}

export function isRoleId(value: string): value is RoleId {
  return BY_ID.has(value as RoleId);
}

// ---------------------------------------------------------------------------------------------
// What kind of table a source is. Role entities say what a role describes; a source kind says
// what one row of a file is, and decides how generic headers ("Name", "Type", "Date") are read.

export const SOURCE_KINDS = ['deals', 'accounts', 'activities', 'costs', 'leads', 'targets', 'reps', 'products', 'unknown'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Roles a column of each kind of source may play. */
export const ROLES_BY_SOURCE_KIND: Readonly<Record<SourceKind, readonly RoleId[]>> = {
  deals: ['deal_id', 'deal_name', 'account', 'account_id', 'owner', 'team', 'pipeline', 'stage', 'status', 'amount',
    'probability', 'created_at', 'expected_close_at', 'closed_at', 'lead_source', 'segment', 'account_type', 'region',
    'industry', 'tags', 'loss_reason', 'product', 'lead_id'],
  accounts: ['account_id', 'account_name', 'owner', 'team', 'segment', 'account_type', 'region', 'industry', 'tags',
    'lead_source'],
  activities: ['activity_id', 'activity_type', 'activity_at', 'outcome', 'owner', 'team', 'account', 'account_id',
    'deal_id', 'deal_name', 'lead_id'],
  costs: ['cost_amount', 'cost_channel', 'cost_period', 'team', 'region', 'segment'],
  leads: ['lead_id', 'owner', 'team', 'account', 'account_id', 'lead_source', 'lead_status', 'converted', 'created_at',
    'industry', 'region', 'segment', 'tags', 'product'],
  targets: ['target_amount', 'target_period', 'owner', 'team', 'segment', 'region', 'product', 'pipeline'],
  reps: ['owner', 'team', 'region'],
  products: ['product'],
  unknown: ['owner', 'team', 'account', 'account_id', 'lead_source', 'segment', 'account_type', 'region', 'industry',
    'tags', 'product'],
};

/** Names too generic to mean one role: what they mean depends on the kind of source. */
export const GENERIC_NAMES = ['id', 'name', 'type', 'status', 'result', 'date', 'amount', 'period', 'channel'] as const;
export type GenericName = (typeof GENERIC_NAMES)[number];

export const GENERIC_SYNONYMS: Readonly<Record<GenericName, Words>> = {
  id: {
    en: ['id', 'record id', 'identifier', 'code', 'ref', 'reference', 'number', 'no', 'nr', 'key', 'uuid', 'guid'],
    fr: ['identifiant', 'numero', 'n', 'num', 'reference', 'ref', 'code'],
    nl: ['nummer', 'nr', 'referentie', 'kenmerk'],
    de: ['nummer', 'nr', 'kennung', 'referenz', 'schlussel'],
  },
  name: {
    en: ['name', 'title', 'subject', 'label name'],
    fr: ['nom', 'titre', 'intitule', 'libelle', 'objet', 'designation', 'denomination'],
    nl: ['naam', 'titel', 'onderwerp', 'omschrijving'],
    de: ['name', 'titel', 'betreff', 'bezeichnung'],
  },
  type: {
    en: ['type', 'kind', 'category type'],
    fr: ['type', 'nature'],
    nl: ['type', 'soort'],
    de: ['typ', 'art'],
  },
  status: {
    en: ['status', 'state'],
    fr: ['statut', 'etat'],
    nl: ['status', 'staat', 'toestand'],
    de: ['status', 'zustand'],
  },
  result: {
    en: ['result', 'results'],
    fr: ['resultat'],
    nl: ['resultaat'],
    de: ['ergebnis', 'resultat'],
  },
  date: {
    en: ['date', 'datetime', 'timestamp', 'day', 'when'],
    fr: ['date', 'jour', 'date et heure', 'quand'],
    nl: ['datum', 'dag', 'wanneer'],
    de: ['datum', 'tag', 'wann'],
  },
  amount: {
    en: ['amount', 'value', 'total', 'sum'],
    fr: ['montant', 'valeur', 'total'],
    nl: ['bedrag', 'waarde', 'totaal'],
    de: ['betrag', 'wert', 'summe', 'gesamt'],
  },
  period: {
    en: ['month', 'period', 'quarter', 'year month', 'month year', 'week', 'fiscal period'],
    fr: ['mois', 'periode', 'trimestre', 'semaine', 'annee mois'],
    nl: ['maand', 'periode', 'kwartaal', 'week'],
    de: ['monat', 'zeitraum', 'periode', 'quartal', 'woche'],
  },
  channel: {
    en: ['source', 'channel', 'origin', 'lead channel'],
    fr: ['source', 'canal', 'origine', 'provenance'],
    nl: ['bron', 'kanaal', 'herkomst'],
    de: ['quelle', 'kanal', 'herkunft'],
  },
};

/** The role a generic name takes in each kind of source (absent: no role). */
export const GENERIC_RESOLUTION: Readonly<Record<GenericName, Partial<Record<SourceKind, RoleId>>>> = {
  id: { deals: 'deal_id', accounts: 'account_id', activities: 'activity_id', leads: 'lead_id' },
  name: { deals: 'deal_name', accounts: 'account_name', products: 'product', reps: 'owner' },
  type: { deals: 'pipeline', accounts: 'account_type', activities: 'activity_type', costs: 'cost_channel' },
  status: { deals: 'status', leads: 'lead_status' },
  result: { deals: 'status', activities: 'outcome' },
  date: { activities: 'activity_at', costs: 'cost_period', targets: 'target_period' },
  amount: { deals: 'amount', costs: 'cost_amount', targets: 'target_amount' },
  period: { costs: 'cost_period', targets: 'target_period' },
  channel: { deals: 'lead_source', leads: 'lead_source', accounts: 'lead_source', unknown: 'lead_source', costs: 'cost_channel' },
};

// ---------------------------------------------------------------------------------------------
// Header matching

/** Leading words that only say "of the deal": "Opportunity Owner" is the owner. */
const DEAL_PREFIXES = ['deal', 'deals', 'opportunity', 'opportunities', 'opp', 'potential', 'potentials', 'affaire',
  'affaires', 'opportunite', 'opportunites', 'verkoopkans', 'verkoopkansen', 'verkaufschance', 'verkaufschancen'];
/** Trailing phrases that only say "of the deal": "Montant de l'affaire" is the amount. */
const DEAL_SUFFIXES = ['de l affaire', 'de l opportunite', 'du deal', 'de la vente', 'van de deal', 'van de verkoopkans',
  'der verkaufschance', 'des deals', 'of deal', 'of the deal', 'of opportunity', 'of the opportunity'];
/** Trailing units and currencies: "Betrag (EUR)", "Probability (%)", "Amount in EUR". */
const UNIT_WORDS = new Set(['eur', 'euro', 'euros', 'usd', 'gbp', 'chf', 'dollars', 'pct', 'percent', 'in', 'en',
  'keur', 'k', 'ht', 'excl', 'btw', 'incl', 'netto', 'brutto', 'ttc']);
const UNIT_KEEP = new Set(['montant ht', 'total ht', 'bedrag excl btw', 'montant total ht']);

/** Normalised spellings of a header tried against the synonym tables, best first. */
export function headerVariants(header: string): { text: string; kind: 'exact' | 'unit' | 'prefix' }[] {
  const full = normaliseHeader(header);
  const out: { text: string; kind: 'exact' | 'unit' | 'prefix' }[] = [{ text: full, kind: 'exact' }];
  const seen = new Set([full]);
  const add = (text: string, kind: 'unit' | 'prefix') => {
    if (text.length > 0 && !seen.has(text)) {
      seen.add(text);
      out.push({ text, kind });
    }
  };
  let unitless = full;
  if (!UNIT_KEEP.has(full)) {
    const ws = full.split(' ');
    while (ws.length > 1 && UNIT_WORDS.has(ws[ws.length - 1] ?? '')) ws.pop();
    unitless = ws.join(' ');
    add(unitless, 'unit');
  }
  for (const base of [full, unitless]) {
    for (const prefix of DEAL_PREFIXES) {
      if (base.startsWith(`${prefix} `)) add(base.slice(prefix.length + 1), 'prefix');
    }
    for (const suffix of DEAL_SUFFIXES) {
      if (base.endsWith(` ${suffix}`)) add(base.slice(0, -suffix.length - 1), 'prefix');
    }
  }
  return out;
}

export type HeaderTarget = { role: RoleId } | { generic: GenericName };

export interface SynonymEntry {
  target: HeaderTarget;
  /** The languages whose lists hold this name for this target. */
  languages: Language[];
  strength: 'strong' | 'weak' | 'generic';
  synonym: string;
}

function buildSynonymIndex(): Map<string, SynonymEntry[]> {
  const index = new Map<string, SynonymEntry[]>();
  const put = (raw: string, entry: { target: HeaderTarget; language: Language; strength: SynonymEntry['strength'] }) => {
    const key = normaliseHeader(raw);
    if (key.length === 0) return;
    const list = index.get(key) ?? [];
    const same = list.find((e) => JSON.stringify(e.target) === JSON.stringify(entry.target) && e.strength === entry.strength);
    if (same) {
      if (!same.languages.includes(entry.language)) same.languages.push(entry.language);
    } else {
      list.push({ target: entry.target, languages: [entry.language], strength: entry.strength, synonym: raw });
    }
    index.set(key, list);
  };
  for (const role of ROLES) {
    put(role.id, { target: { role: role.id }, language: 'en', strength: 'strong' });
    for (const lang of LANGUAGES) {
      for (const s of role.synonyms[lang] ?? []) put(s, { target: { role: role.id }, language: lang, strength: 'strong' });
      for (const s of role.weak?.[lang] ?? []) put(s, { target: { role: role.id }, language: lang, strength: 'weak' });
    }
  }
  for (const g of GENERIC_NAMES) {
    for (const lang of LANGUAGES) {
      for (const s of GENERIC_SYNONYMS[g][lang] ?? []) put(s, { target: { generic: g }, language: lang, strength: 'generic' });
    }
  }
  return index;
}

const SYNONYM_INDEX = buildSynonymIndex();

/** Every synonym entry for a normalised header text (exact match of the whole text). */
export function synonymEntries(normalised: string): readonly SynonymEntry[] {
  return SYNONYM_INDEX.get(normalised) ?? [];
}

// ---------------------------------------------------------------------------------------------
// CRM presets: the exact column names of common exports.

export const PRESET_IDS = ['salesforce', 'hubspot', 'pipedrive', 'zoho', 'nocrm', 'koban'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface CrmPreset {
  id: PresetId;
  name: string;
  /** What export the names come from. */
  export: string;
  /** Column name as exported -> role (null: a known column of that export that plays no role). */
  columns: Readonly<Record<string, RoleId | null>>;
  /** Names that only this CRM uses: at least two must be present to name the CRM. */
  distinctive: readonly string[];
}

export const CRM_PRESETS: readonly CrmPreset[] = [
  {
    id: 'salesforce', name: 'Salesforce', export: 'Opportunities report (Reports > Export > Details only, CSV)',
    columns: {
      'Opportunity Owner': 'owner', 'Account Name': 'account', 'Opportunity Name': 'deal_name', 'Stage': 'stage',
      'Amount': 'amount', 'Probability (%)': 'probability', 'Close Date': 'expected_close_at', 'Created Date': 'created_at',
      'Lead Source': 'lead_source', 'Type': 'pipeline', 'Opportunity ID': 'deal_id', 'Account ID': 'account_id',
      'Owner Role': 'team', 'Industry': 'industry', 'Billing Country': 'region', 'Loss Reason': 'loss_reason',
      'Fiscal Period': null, 'Age': null, 'Next Step': null, 'Expected Revenue': null, 'Forecast Category': null,
      'Closed': null, 'Won': null, 'Last Modified Date': null, 'Last Activity': null, 'Last Stage Change Date': null,
      'Account Owner': null, 'Opportunity Record Type': null, 'Primary Campaign Source': null, 'Fiscal Year': null,
      'Fiscal Quarter': null, 'Description': null, 'Opportunity Currency': null, 'Created By': null,
    },
    distinctive: ['Opportunity Owner', 'Opportunity Name', 'Probability (%)', 'Opportunity ID', 'Fiscal Period',
      'Forecast Category', 'Owner Role', 'Next Step', 'Last Stage Change Date', 'Primary Campaign Source'],
  },
  {
    id: 'hubspot', name: 'HubSpot', export: 'Deals view export (CSV)',
    columns: {
      'Record ID': 'deal_id', 'Deal Name': 'deal_name', 'Deal Stage': 'stage', 'Close Date': 'expected_close_at',
      'Deal owner': 'owner', 'Amount': 'amount', 'Create Date': 'created_at', 'Pipeline': 'pipeline',
      'Associated Company': 'account', 'Associated Company (Primary)': 'account', 'Associated Company IDs': 'account_id',
      'Deal probability': 'probability', 'Closed Lost Reason': 'loss_reason', 'Original Source Type': 'lead_source',
      'HubSpot Team': 'team', 'Deal Tags': 'tags', 'Deal Type': null, 'Forecast category': null, 'Weighted amount': null,
      'Amount in company currency': null, 'Last Activity Date': null, 'Is Closed Won': null, 'Days to close': null,
      'Closed Won Reason': null, 'Next step': null, 'Deal Description': null, 'Last Modified Date': null,
      'Associated Contact': null, 'Priority': null, 'Currency': null,
    },
    distinctive: ['Record ID', 'Deal Stage', 'Deal owner', 'Create Date', 'Associated Company', 'Deal probability',
      'Closed Lost Reason', 'Original Source Type', 'HubSpot Team', 'Weighted amount', 'Is Closed Won', 'Days to close',
      'Associated Company IDs', 'Amount in company currency'],
  },
  {
    id: 'pipedrive', name: 'Pipedrive', export: 'Deals list export (CSV or XLSX)',
    columns: {
      'Deal - ID': 'deal_id', 'Deal - Title': 'deal_name', 'Deal - Owner': 'owner', 'Deal - Value': 'amount',
      'Deal - Probability': 'probability', 'Deal - Organization': 'account', 'Deal - Pipeline': 'pipeline',
      'Deal - Stage': 'stage', 'Deal - Label': 'tags', 'Deal - Status': 'status', 'Deal - Deal created': 'created_at',
      'Deal - Add time': 'created_at', 'Deal - Expected close date': 'expected_close_at',
      'Deal - Deal closed on': 'closed_at', 'Deal - Lost reason': 'loss_reason', 'Deal - Source channel': 'lead_source',
      'Organization - Name': 'account', 'Deal - Creator': null, 'Deal - Currency of Value': null,
      'Deal - Weighted value': null, 'Deal - Currency of Weighted value': null, 'Deal - Contact person': null,
      'Deal - Update time': null, 'Deal - Last stage change': null, 'Deal - Next activity date': null,
      'Deal - Last activity date': null, 'Deal - Won time': null, 'Deal - Lost time': null, 'Deal - Visible to': null,
      'Deal - Total activities': null, 'Deal - Done activities': null, 'Deal - Activities to do': null,
      'Deal - Email messages count': null, 'Deal - Product quantity': null, 'Deal - Product amount': null,
      'Deal - Source origin': null, 'Deal - MRR': null, 'Deal - ARR': null, 'Deal - ACV': null,
    },
    distinctive: ['Deal - ID', 'Deal - Title', 'Deal - Owner', 'Deal - Value', 'Deal - Organization', 'Deal - Stage',
      'Deal - Status', 'Deal - Deal created', 'Deal - Expected close date', 'Deal - Weighted value', 'Deal - Creator',
      'Deal - Currency of Value', 'Deal - Won time', 'Deal - Lost time', 'Deal - Label', 'Deal - Pipeline'],
  },
  {
    id: 'zoho', name: 'Zoho CRM', export: 'Potentials / Deals module export (CSV)',
    columns: {
      'Potential Name': 'deal_name', 'Deal Name': 'deal_name', 'Potential Owner': 'owner', 'Deal Owner': 'owner',
      'Created Time': 'created_at', 'Closing Date': 'expected_close_at', 'Amount': 'amount', 'Stage': 'stage',
      'Forecast Type': 'status', 'Type': 'pipeline', 'Lead Source': 'lead_source', 'Probability': 'probability',
      'Probability (%)': 'probability', 'Account Name': 'account', 'Record Id': 'deal_id', 'Potential Id': 'deal_id',
      'Reason For Loss': 'loss_reason', 'Tag': 'tags', 'LEADID': 'lead_id',
      'Expected Revenue': null, 'Modified Time': null, 'Last Activity Time': null, 'Contact Name': null,
      'Campaign Source': null, 'Next Step': null, 'Description': null, 'Created By': null, 'Modified By': null,
      'Age in Days': null, 'Age Tier': null, 'Amount Tier': null, 'Campaign Id': null, 'Sales Cycle Duration': null,
      'Overall Sales Duration': null, 'Layout': null, 'Currency': null, 'Exchange Rate': null,
    },
    distinctive: ['Potential Name', 'Potential Owner', 'Closing Date', 'Forecast Type', 'Created Time', 'Modified Time',
      'Expected Revenue', 'Reason For Loss', 'Last Activity Time', 'Sales Cycle Duration', 'Campaign Source'],
  },
  {
    id: 'nocrm', name: 'noCRM.io', export: 'Leads export (CSV); noCRM calls its opportunities "leads"',
    columns: {
      'ID': 'deal_id', 'Lead title': 'deal_name', 'Title': 'deal_name', 'Status': 'status', 'Step': 'stage',
      'Pipeline': 'pipeline', 'Amount': 'amount', 'Probability': 'probability', 'User': 'owner', 'Owner': 'owner',
      'Assigned to': 'owner', 'Created at': 'created_at', 'Closed at': 'closed_at',
      'Estimated closing date': 'expected_close_at', 'Tags': 'tags', 'Client folder': 'account', 'Client': 'account',
      'Team': 'team', 'Lead source': 'lead_source', 'Remind date': null, 'Reminder date': null, 'Starred': null,
      'Updated at': null, 'Last update': null, 'Description': null, 'Step changed at': null, 'Currency': null,
    },
    distinctive: ['Lead title', 'Step', 'Estimated closing date', 'Remind date', 'Reminder date', 'Client folder',
      'Starred', 'Step changed at', 'Closed at'],
  },
  {
    id: 'koban', name: 'Koban', export: 'Opportunités / affaires export (CSV, French)',
    columns: {
      'Code': 'deal_id', 'Intitulé': 'deal_name', 'Compte': 'account', 'Commercial': 'owner', 'Étape': 'stage',
      'Statut': 'status', 'Montant HT': 'amount', 'Probabilité': 'probability', 'Date de création': 'created_at',
      'Date de clôture prévue': 'expected_close_at', 'Date de clôture': 'closed_at', 'Origine': 'lead_source',
      'Motif de perte': 'loss_reason', "Type d'affaire": 'pipeline', 'Mots-clés': 'tags', 'Catégorie': 'segment',
      'Contact': null, 'Montant pondéré': null, 'Date de modification': null, 'Description': null, 'Devise': null,
    },
    distinctive: ['Intitulé', 'Montant HT', 'Date de clôture prévue', 'Motif de perte', "Type d'affaire",
      'Montant pondéré', 'Mots-clés'],
  },
];

interface PresetIndex {
  preset: CrmPreset;
  columns: Map<string, { header: string; role: RoleId | null }>;
  distinctive: Set<string>;
}

const PRESET_INDEX: PresetIndex[] = CRM_PRESETS.map((preset) => ({
  preset,
  columns: new Map(Object.entries(preset.columns).map(([h, role]) => [normaliseHeader(h), { header: h, role }])),
  distinctive: new Set(preset.distinctive.map(normaliseHeader)),
}));

export function crmPreset(id: PresetId): CrmPreset {
  const p = CRM_PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown preset ${id}`);
  return p;
}

/** The role a preset gives a header (undefined: not one of its columns; null: its column, no role). */
export function presetRole(id: PresetId, header: string): RoleId | null | undefined {
  const idx = PRESET_INDEX.find((p) => p.preset.id === id);
  const hit = idx?.columns.get(normaliseHeader(header));
  return hit === undefined ? undefined : hit.role;
}

export interface PresetMatch {
  preset: PresetId;
  name: string;
  /** Headers of the file that are columns of this export. */
  matched: string[];
  /** Share of the file's headers that are columns of this export. */
  coverage: number;
}

/**
 * Names the CRM a file was exported from: at least 3 of its headers are that export's columns,
 * 2 of them names only that CRM uses, and that export explains more headers than any other.
 */
export function detectPreset(headers: readonly string[]): PresetMatch | null {
  let best: { score: number; match: PresetMatch } | null = null;
  for (const idx of PRESET_INDEX) {
    const matched: string[] = [];
    let distinctive = 0;
    for (const h of headers) {
      const n = normaliseHeader(h);
      if (idx.columns.has(n)) {
        matched.push(h);
        if (idx.distinctive.has(n)) distinctive++;
      }
    }
    if (matched.length < 3 || distinctive < 2) continue;
    const score = distinctive * 2 + matched.length;
    const match: PresetMatch = {
      preset: idx.preset.id,
      name: idx.preset.name,
      matched,
      coverage: headers.length === 0 ? 0 : matched.length / headers.length,
    };
    if (!best || score > best.score) best = { score, match };
  }
  return best?.match ?? null;
}
