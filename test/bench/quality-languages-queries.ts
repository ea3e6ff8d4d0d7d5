/**
 * Labelled queries in six languages for `npm run bench:languages`: held-out queries of
 * bench:quality (test/bench/quality-queries.ts, which gives their right answers) translated by
 * hand, as a practitioner would type them: acronyms kept (CBRN, IED, UGV, ICT), the call
 * programme's administrative tails ("– Capability Project") left out. `en` is the English
 * original as bench:quality builds it; the benchmark checks it still matches, so a change in
 * the CORDIS data or in how queries are built shows instead of silently pairing a translation
 * with another question.
 */

export const LANGUAGES = ['de', 'fr', 'es', 'it', 'pl', 'nl'] as const;
export type BenchLanguage = (typeof LANGUAGES)[number];

export interface TranslatedQuery {
  /** The id of the English labelled query. */
  readonly id: string;
  readonly en: string;
  readonly text: Readonly<Record<BenchLanguage, string>>;
}

export const TRANSLATED: readonly TranslatedQuery[] = [
  {
    id: 'deliverable:cordis:deliverable:101070303_23_DELIVHORIZON',
    en: 'Analysis in novel strategies for improved software resilience and security',
    text: {
      de: 'Analyse neuer Strategien für mehr Resilienz und Sicherheit von Software',
      fr: 'Analyse de nouvelles stratégies pour améliorer la résilience et la sécurité des logiciels',
      es: 'Análisis de nuevas estrategias para mejorar la resiliencia y la seguridad del software',
      it: 'Analisi di nuove strategie per migliorare la resilienza e la sicurezza del software',
      pl: 'Analiza nowych strategii poprawy odporności i bezpieczeństwa oprogramowania',
      nl: 'Analyse van nieuwe strategieën voor betere veerkracht en beveiliging van software',
    },
  },
  {
    id: 'deliverable:cordis:deliverable:101073957_12_DELIVHORIZON',
    en: 'Innovative policy/governance enablers for multi-risk DRR',
    text: {
      de: 'Innovative politische und Governance-Instrumente für die Katastrophenvorsorge bei Mehrfachrisiken',
      fr: 'Leviers politiques et de gouvernance innovants pour la réduction des risques de catastrophe multi-risques',
      es: 'Instrumentos innovadores de política y gobernanza para la reducción del riesgo de desastres multirriesgo',
      it: 'Strumenti innovativi di politica e governance per la riduzione del rischio di catastrofi multirischio',
      pl: 'Innowacyjne narzędzia polityczne i zarządcze dla ograniczania ryzyka katastrof wielu zagrożeń',
      nl: 'Innovatieve beleids- en bestuursinstrumenten voor rampenrisicovermindering bij meervoudige risico’s',
    },
  },
  {
    id: 'deliverable:cordis:deliverable:101074040_23_DELIVHORIZON',
    en: 'Disaster Resilience and CBRN Standardisation Landscape of Europe (version 2)',
    text: {
      de: 'Überblick über die Normung für Katastrophenresilienz und CBRN in Europa (Version 2)',
      fr: 'Panorama de la normalisation en Europe pour la résilience aux catastrophes et le NRBC (version 2)',
      es: 'Panorama de la normalización en Europa sobre resiliencia ante desastres y NRBQ (versión 2)',
      it: 'Quadro della normazione europea per la resilienza ai disastri e il CBRN (versione 2)',
      pl: 'Przegląd normalizacji w Europie w zakresie odporności na katastrofy i CBRN (wersja 2)',
      nl: 'Overzicht van de normalisatie in Europa voor rampenbestendigheid en CBRN (versie 2)',
    },
  },
  {
    id: 'deliverable:cordis:deliverable:101120221_7_DELIVHORIZON',
    en: 'D1.2 Threat Models, Vulnerability Assessment and Cyber Risk Profiling',
    text: {
      de: 'Bedrohungsmodelle, Schwachstellenbewertung und Profile von Cyberrisiken',
      fr: 'Modèles de menaces, évaluation des vulnérabilités et profilage des cyberrisques',
      es: 'Modelos de amenazas, evaluación de vulnerabilidades y perfiles de riesgo cibernético',
      it: 'Modelli di minaccia, valutazione delle vulnerabilità e profilazione del rischio informatico',
      pl: 'Modele zagrożeń, ocena podatności i profilowanie ryzyka cybernetycznego',
      nl: 'Dreigingsmodellen, kwetsbaarheidsbeoordeling en profilering van cyberrisico’s',
    },
  },
  {
    id: 'deliverable:cordis:deliverable:101120606_15_DELIVHORIZON',
    en: 'Comprehensive threat modelling framework-Initial Version',
    text: {
      de: 'Umfassendes Rahmenwerk zur Bedrohungsmodellierung, erste Fassung',
      fr: 'Cadre complet de modélisation des menaces, version initiale',
      es: 'Marco integral de modelado de amenazas, versión inicial',
      it: 'Quadro completo per la modellazione delle minacce, versione iniziale',
      pl: 'Kompleksowe ramy modelowania zagrożeń, wersja wstępna',
      nl: 'Volledig raamwerk voor dreigingsmodellering, eerste versie',
    },
  },
  {
    id: 'deliverable:cordis:deliverable:101121345_1_DELIVHORIZON',
    en: '‘State of the Art on Sociology of Gaming and Radicalisation’',
    text: {
      de: 'Stand der Forschung zur Soziologie von Computerspielen und Radikalisierung',
      fr: 'État de l’art sur la sociologie du jeu vidéo et de la radicalisation',
      es: 'Estado del arte sobre la sociología de los videojuegos y la radicalización',
      it: 'Stato dell’arte sulla sociologia del gioco e della radicalizzazione',
      pl: 'Stan wiedzy o socjologii gier i radykalizacji',
      nl: 'Stand van zaken over de sociologie van gaming en radicalisering',
    },
  },
  {
    id: 'call-topic:BES-08-2015',
    en: 'Development of an enhanced non-intrusive (stand-off) scanner',
    text: {
      de: 'Entwicklung eines verbesserten berührungslosen Scanners mit Abstand zur Person',
      fr: 'Développement d’un scanner non intrusif à distance amélioré',
      es: 'Desarrollo de un escáner no intrusivo a distancia mejorado',
      it: 'Sviluppo di uno scanner non intrusivo a distanza migliorato',
      pl: 'Opracowanie ulepszonego nieinwazyjnego skanera działającego z dystansu',
      nl: 'Ontwikkeling van een verbeterde niet-intrusieve scanner op afstand',
    },
  },
  {
    id: 'call-topic:CIP-01-2016-2017',
    en: 'Prevention, detection, response and mitigation of the combination of physical and cyber threats to the critical infrastructure of Europe',
    text: {
      de: 'Vorbeugung, Erkennung, Reaktion und Abmilderung kombinierter physischer und Cyberbedrohungen für die kritische Infrastruktur Europas',
      fr: 'Prévention, détection, réponse et atténuation des menaces physiques et cyber combinées contre les infrastructures critiques de l’Europe',
      es: 'Prevención, detección, respuesta y mitigación de amenazas físicas y cibernéticas combinadas contra las infraestructuras críticas de Europa',
      it: 'Prevenzione, rilevamento, risposta e mitigazione delle minacce fisiche e informatiche combinate alle infrastrutture critiche europee',
      pl: 'Zapobieganie, wykrywanie, reagowanie i łagodzenie połączonych zagrożeń fizycznych i cybernetycznych dla infrastruktury krytycznej Europy',
      nl: 'Preventie, detectie, respons en mitigatie van gecombineerde fysieke en cyberdreigingen voor de kritieke infrastructuur van Europa',
    },
  },
  {
    id: 'call-topic:DRS-07-2014',
    en: 'Crises and disaster resilience – operationalizing resilience concepts',
    text: {
      de: 'Widerstandsfähigkeit gegenüber Krisen und Katastrophen: Resilienzkonzepte in die Praxis umsetzen',
      fr: 'Résilience face aux crises et aux catastrophes : rendre opérationnels les concepts de résilience',
      es: 'Resiliencia ante crisis y desastres: llevar a la práctica los conceptos de resiliencia',
      it: 'Resilienza a crisi e disastri: rendere operativi i concetti di resilienza',
      pl: 'Odporność na kryzysy i katastrofy: wdrażanie koncepcji odporności w praktyce',
      nl: 'Weerbaarheid bij crises en rampen: veerkrachtconcepten operationeel maken',
    },
  },
  {
    id: 'call-topic:DRS-11-2015',
    en: 'Mitigating the impacts of climate change and natural hazards on cultural heritage sites, structures and artefacts',
    text: {
      de: 'Folgen des Klimawandels und von Naturgefahren für Kulturerbestätten, Bauwerke und Kulturgüter abmildern',
      fr: 'Atténuer les effets du changement climatique et des risques naturels sur les sites, monuments et objets du patrimoine culturel',
      es: 'Mitigar los efectos del cambio climático y de los peligros naturales en los sitios, estructuras y objetos del patrimonio cultural',
      it: 'Mitigare gli effetti dei cambiamenti climatici e dei rischi naturali su siti, strutture e manufatti del patrimonio culturale',
      pl: 'Łagodzenie skutków zmian klimatu i zagrożeń naturalnych dla miejsc, budowli i obiektów dziedzictwa kulturowego',
      nl: 'De gevolgen van klimaatverandering en natuurrampen voor cultureel erfgoed, bouwwerken en voorwerpen beperken',
    },
  },
  {
    id: 'call-topic:DRS-21-2014',
    en: 'Better understanding the links between culture, risk perception and disaster management',
    text: {
      de: 'Zusammenhänge zwischen Kultur, Risikowahrnehmung und Katastrophenmanagement besser verstehen',
      fr: 'Mieux comprendre les liens entre culture, perception du risque et gestion des catastrophes',
      es: 'Comprender mejor los vínculos entre cultura, percepción del riesgo y gestión de desastres',
      it: 'Comprendere meglio i legami tra cultura, percezione del rischio e gestione dei disastri',
      pl: 'Lepsze zrozumienie związków między kulturą, postrzeganiem ryzyka a zarządzaniem katastrofami',
      nl: 'Beter begrip van de verbanden tussen cultuur, risicoperceptie en rampenbeheersing',
    },
  },
  {
    id: 'call-topic:DS-04-2015',
    en: 'Information driven Cyber Security Management',
    text: {
      de: 'Informationsgestütztes Management der Cybersicherheit',
      fr: 'Gestion de la cybersécurité fondée sur l’information',
      es: 'Gestión de la ciberseguridad basada en la información',
      it: 'Gestione della sicurezza informatica guidata dalle informazioni',
      pl: 'Zarządzanie cyberbezpieczeństwem oparte na informacji',
      nl: 'Informatiegestuurd beheer van cyberbeveiliging',
    },
  },
  {
    id: 'call-topic:HORIZON-CL3-2021-BM-01-05',
    en: 'Improved detection of concealed objects on, and within the body of, persons',
    text: {
      de: 'Bessere Erkennung von Gegenständen, die am oder im Körper von Personen versteckt sind',
      fr: 'Meilleure détection des objets dissimulés sur ou dans le corps des personnes',
      es: 'Mejor detección de objetos ocultos sobre el cuerpo o dentro del cuerpo de las personas',
      it: 'Migliore rilevamento di oggetti nascosti sul corpo o all’interno del corpo delle persone',
      pl: 'Lepsze wykrywanie przedmiotów ukrytych na ciele lub wewnątrz ciała osób',
      nl: 'Betere detectie van voorwerpen die op of in het lichaam van personen verborgen zijn',
    },
  },
  {
    id: 'call-topic:HORIZON-CL3-2021-DRS-01-01',
    en: 'Improved understanding of risk exposure and its public awareness in areas exposed to multi-hazards',
    text: {
      de: 'Besseres Verständnis der Risikoexposition und des Risikobewusstseins der Bevölkerung in Gebieten mit Mehrfachgefahren',
      fr: 'Meilleure compréhension de l’exposition aux risques et de sa perception par le public dans les zones exposées à des aléas multiples',
      es: 'Mejor comprensión de la exposición al riesgo y de su conocimiento por la población en zonas expuestas a múltiples peligros',
      it: 'Migliore comprensione dell’esposizione al rischio e della consapevolezza pubblica nelle aree esposte a rischi multipli',
      pl: 'Lepsze zrozumienie narażenia na ryzyko i świadomości społecznej na obszarach narażonych na wiele zagrożeń',
      nl: 'Beter inzicht in risicoblootstelling en het risicobewustzijn van het publiek in gebieden met meerdere gevaren',
    },
  },
  {
    id: 'call-topic:HORIZON-CL3-2021-FCT-01-03',
    en: 'Disinformation and fake news are combated and trust in the digital world is raised',
    text: {
      de: 'Desinformation und Falschmeldungen bekämpfen und das Vertrauen in die digitale Welt stärken',
      fr: 'Combattre la désinformation et les fausses nouvelles et renforcer la confiance dans le monde numérique',
      es: 'Combatir la desinformación y las noticias falsas y aumentar la confianza en el mundo digital',
      it: 'Contrastare la disinformazione e le notizie false e accrescere la fiducia nel mondo digitale',
      pl: 'Zwalczanie dezinformacji i fałszywych wiadomości oraz budowanie zaufania do świata cyfrowego',
      nl: 'Desinformatie en nepnieuws bestrijden en het vertrouwen in de digitale wereld vergroten',
    },
  },
  {
    id: 'call-topic:HORIZON-CL3-2021-FCT-01-06',
    en: 'Domestic and sexual violence are prevented and combated',
    text: {
      de: 'Häusliche und sexuelle Gewalt verhindern und bekämpfen',
      fr: 'Prévenir et combattre les violences domestiques et sexuelles',
      es: 'Prevenir y combatir la violencia doméstica y sexual',
      it: 'Prevenire e contrastare la violenza domestica e sessuale',
      pl: 'Zapobieganie przemocy domowej i seksualnej oraz jej zwalczanie',
      nl: 'Huiselijk en seksueel geweld voorkomen en bestrijden',
    },
  },
  {
    id: 'call-topic:HORIZON-CL3-2021-SSRI-01-01',
    en: 'A maturity assessment framework for security technologies',
    text: {
      de: 'Ein Rahmen zur Bewertung des Reifegrads von Sicherheitstechnologien',
      fr: 'Un cadre d’évaluation de la maturité des technologies de sécurité',
      es: 'Un marco para evaluar la madurez de las tecnologías de seguridad',
      it: 'Un quadro per la valutazione della maturità delle tecnologie di sicurezza',
      pl: 'Ramy oceny dojrzałości technologii bezpieczeństwa',
      nl: 'Een kader voor het beoordelen van de volwassenheid van beveiligingstechnologieën',
    },
  },
  {
    id: 'call-topic:HORIZON-CL3-2022-DRS-01-09',
    en: 'Enhanced capacities of first responders more efficient rescue operations, including decontamination of infrastructures in the case of a CBRN-E event',
    text: {
      de: 'Stärkere Fähigkeiten der Einsatzkräfte für effizientere Rettungseinsätze, einschließlich Dekontamination von Infrastruktur nach einem CBRN-E-Ereignis',
      fr: 'Renforcer les capacités des primo-intervenants pour des opérations de secours plus efficaces, y compris la décontamination des infrastructures après un événement NRBC-E',
      es: 'Mayores capacidades de los equipos de primera intervención para operaciones de rescate más eficaces, incluida la descontaminación de infraestructuras tras un incidente NRBQ-E',
      it: 'Capacità rafforzate dei primi soccorritori per operazioni di soccorso più efficienti, compresa la decontaminazione delle infrastrutture in caso di evento CBRN-E',
      pl: 'Większe możliwości służb ratowniczych i sprawniejsze akcje ratunkowe, w tym dekontaminacja infrastruktury po zdarzeniu CBRN-E',
      nl: 'Sterkere capaciteiten van hulpverleners voor efficiëntere reddingsoperaties, inclusief ontsmetting van infrastructuur na een CBRN-E-incident',
    },
  },
  {
    id: 'call-topic:HORIZON-CL3-2023-BM-01-01',
    en: 'Capabilities for border surveillance and situational awareness',
    text: {
      de: 'Fähigkeiten für Grenzüberwachung und Lagebewusstsein',
      fr: 'Capacités de surveillance des frontières et de connaissance de la situation',
      es: 'Capacidades de vigilancia de fronteras y conocimiento de la situación',
      it: 'Capacità di sorveglianza delle frontiere e consapevolezza situazionale',
      pl: 'Zdolności w zakresie nadzoru granic i świadomości sytuacyjnej',
      nl: 'Capaciteiten voor grensbewaking en situationeel bewustzijn',
    },
  },
  {
    id: 'call-topic:HORIZON-CL3-2023-DRS-01-02',
    en: 'Design of crisis prevention and preparedness actions in case of digital breakdown (internet, electricity etc.)',
    text: {
      de: 'Maßnahmen zur Krisenprävention und Vorsorge für den Fall eines digitalen Zusammenbruchs (Internet, Strom usw.)',
      fr: 'Conception d’actions de prévention et de préparation aux crises en cas de panne numérique (internet, électricité, etc.)',
      es: 'Diseño de acciones de prevención y preparación ante crisis en caso de caída digital (internet, electricidad, etc.)',
      it: 'Progettazione di azioni di prevenzione e preparazione alle crisi in caso di blackout digitale (internet, elettricità ecc.)',
      pl: 'Projektowanie działań zapobiegania kryzysom i gotowości na wypadek awarii cyfrowej (internet, prąd itp.)',
      nl: 'Ontwerp van maatregelen voor crisispreventie en paraatheid bij een digitale storing (internet, elektriciteit enz.)',
    },
  },
  {
    id: 'call-topic:HORIZON-CL3-2023-DRS-01-05',
    en: 'Robotics: Autonomous or semi-autonomous UGV systems to supplement skills for use in hazardous environments',
    text: {
      de: 'Robotik: autonome oder teilautonome UGV-Systeme zur Unterstützung von Einsatzkräften in gefährlichen Umgebungen',
      fr: 'Robotique : systèmes UGV autonomes ou semi-autonomes pour compléter les compétences en environnement dangereux',
      es: 'Robótica: sistemas UGV autónomos o semiautónomos que complementan las capacidades en entornos peligrosos',
      it: 'Robotica: sistemi UGV autonomi o semi-autonomi a supporto delle competenze in ambienti pericolosi',
      pl: 'Robotyka: autonomiczne lub półautonomiczne systemy UGV wspierające działania w niebezpiecznym środowisku',
      nl: 'Robotica: autonome of semi-autonome UGV-systemen ter aanvulling van vaardigheden in gevaarlijke omgevingen',
    },
  },
  {
    id: 'call-topic:HORIZON-CL3-2023-FCT-01-06',
    en: 'Enhancing tools and capabilities to fight advanced forms of cyber threats and cyber-dependent crimes',
    text: {
      de: 'Werkzeuge und Fähigkeiten zur Bekämpfung fortgeschrittener Cyberbedrohungen und Cyberkriminalität verbessern',
      fr: 'Renforcer les outils et les capacités de lutte contre les formes avancées de cybermenaces et de cybercriminalité',
      es: 'Mejorar las herramientas y capacidades para combatir formas avanzadas de ciberamenazas y ciberdelitos',
      it: 'Potenziare strumenti e capacità per contrastare forme avanzate di minacce informatiche e reati informatici',
      pl: 'Wzmacnianie narzędzi i zdolności do walki z zaawansowanymi cyberzagrożeniami i cyberprzestępczością',
      nl: 'Instrumenten en capaciteiten versterken om geavanceerde cyberdreigingen en cybercriminaliteit te bestrijden',
    },
  },
  {
    id: 'call-topic:HORIZON-CL3-2024-FCT-01-01',
    en: 'Mitigating new threats and adapting investigation strategies in the era of Internet of Things',
    text: {
      de: 'Neue Bedrohungen abwehren und Ermittlungsstrategien an das Zeitalter des Internets der Dinge anpassen',
      fr: 'Atténuer les nouvelles menaces et adapter les stratégies d’enquête à l’ère de l’internet des objets',
      es: 'Mitigar nuevas amenazas y adaptar las estrategias de investigación en la era del internet de las cosas',
      it: 'Mitigare le nuove minacce e adattare le strategie investigative nell’era dell’internet delle cose',
      pl: 'Łagodzenie nowych zagrożeń i dostosowanie strategii śledczych w erze internetu rzeczy',
      nl: 'Nieuwe dreigingen beperken en opsporingsstrategieën aanpassen aan het tijdperk van het internet der dingen',
    },
  },
  {
    id: 'call-topic:HORIZON-CL3-2024-INFRA-01-03',
    en: 'Advanced real-time data analysis used for infrastructure resilience',
    text: {
      de: 'Fortschrittliche Echtzeit-Datenanalyse für die Resilienz von Infrastrukturen',
      fr: 'Analyse avancée de données en temps réel au service de la résilience des infrastructures',
      es: 'Análisis avanzado de datos en tiempo real para la resiliencia de las infraestructuras',
      it: 'Analisi avanzata dei dati in tempo reale per la resilienza delle infrastrutture',
      pl: 'Zaawansowana analiza danych w czasie rzeczywistym na rzecz odporności infrastruktury',
      nl: 'Geavanceerde realtime data-analyse voor de weerbaarheid van infrastructuur',
    },
  },
  {
    id: 'call-topic:ICT-SEC-2007-1.0-04',
    en: 'ICT support for first responders in crises occurring in critical infrastructures',
    text: {
      de: 'IKT-Unterstützung für Einsatzkräfte bei Krisen in kritischen Infrastrukturen',
      fr: 'Soutien des TIC aux primo-intervenants lors de crises touchant des infrastructures critiques',
      es: 'Apoyo de las TIC a los equipos de primera intervención en crisis que afectan a infraestructuras críticas',
      it: 'Supporto ICT ai primi soccorritori nelle crisi che colpiscono infrastrutture critiche',
      pl: 'Wsparcie ICT dla służb ratowniczych podczas kryzysów w infrastrukturze krytycznej',
      nl: 'ICT-ondersteuning voor hulpverleners bij crises in kritieke infrastructuur',
    },
  },
  {
    id: 'call-topic:SEC-03-DRS-2016',
    en: 'Validation of biological toxins measurements after an incident: Development of tools and procedures for quality control',
    text: {
      de: 'Validierung von Messungen biologischer Toxine nach einem Vorfall: Werkzeuge und Verfahren zur Qualitätskontrolle',
      fr: 'Validation des mesures de toxines biologiques après un incident : outils et procédures de contrôle qualité',
      es: 'Validación de las mediciones de toxinas biológicas tras un incidente: herramientas y procedimientos de control de calidad',
      it: 'Validazione delle misurazioni di tossine biologiche dopo un incidente: strumenti e procedure per il controllo qualità',
      pl: 'Walidacja pomiarów toksyn biologicznych po incydencie: narzędzia i procedury kontroli jakości',
      nl: 'Validatie van metingen van biologische toxines na een incident: instrumenten en procedures voor kwaliteitscontrole',
    },
  },
  {
    id: 'call-topic:SEC-14-BES-2016',
    en: 'Towards reducing the cost of technologies in land border security applications',
    text: {
      de: 'Kosten von Technologien für die Sicherheit an Landgrenzen senken',
      fr: 'Réduire le coût des technologies pour la sécurité des frontières terrestres',
      es: 'Reducir el coste de las tecnologías para la seguridad de las fronteras terrestres',
      it: 'Ridurre il costo delle tecnologie per la sicurezza delle frontiere terrestri',
      pl: 'Obniżenie kosztów technologii ochrony granic lądowych',
      nl: 'De kosten van technologie voor de beveiliging van landgrenzen verlagen',
    },
  },
  {
    id: 'call-topic:SEC-19-BES-2016',
    en: 'Data fusion for maritime security applications',
    text: {
      de: 'Datenfusion für Anwendungen der maritimen Sicherheit',
      fr: 'Fusion de données pour les applications de sûreté maritime',
      es: 'Fusión de datos para aplicaciones de seguridad marítima',
      it: 'Fusione dei dati per applicazioni di sicurezza marittima',
      pl: 'Fuzja danych w zastosowaniach bezpieczeństwa morskiego',
      nl: 'Datafusie voor toepassingen in maritieme veiligheid',
    },
  },
  {
    id: 'call-topic:SEC-2007-4.2-02',
    en: 'Integrated specialist search and rescue system',
    text: {
      de: 'Integriertes System für spezialisierte Suche und Rettung',
      fr: 'Système intégré de recherche et de sauvetage spécialisé',
      es: 'Sistema integrado de búsqueda y rescate especializado',
      it: 'Sistema integrato di ricerca e soccorso specialistico',
      pl: 'Zintegrowany system specjalistycznych działań poszukiwawczo-ratowniczych',
      nl: 'Geïntegreerd systeem voor gespecialiseerde opsporing en redding',
    },
  },
  {
    id: 'call-topic:SEC-2009-3.2-02',
    en: 'Sea border surveillance system',
    text: {
      de: 'System zur Überwachung der Seegrenzen',
      fr: 'Système de surveillance des frontières maritimes',
      es: 'Sistema de vigilancia de las fronteras marítimas',
      it: 'Sistema di sorveglianza delle frontiere marittime',
      pl: 'System nadzoru granic morskich',
      nl: 'Systeem voor de bewaking van zeegrenzen',
    },
  },
  {
    id: 'call-topic:SEC-2009-6.1-01',
    en: 'Better understanding of the rationale and the drivers underlying the violent radicalisation processes and how these drivers interact',
    text: {
      de: 'Besseres Verständnis der Beweggründe und Triebkräfte gewaltbereiter Radikalisierung und ihres Zusammenwirkens',
      fr: 'Mieux comprendre les motivations et les facteurs des processus de radicalisation violente et leurs interactions',
      es: 'Comprender mejor las motivaciones y los factores de los procesos de radicalización violenta y cómo interactúan',
      it: 'Comprendere meglio le motivazioni e i fattori alla base dei processi di radicalizzazione violenta e le loro interazioni',
      pl: 'Lepsze zrozumienie motywów i czynników procesów radykalizacji prowadzącej do przemocy oraz ich wzajemnych zależności',
      nl: 'Beter begrip van de beweegredenen en drijfveren achter gewelddadige radicalisering en hoe die op elkaar inwerken',
    },
  },
  {
    id: 'call-topic:SEC-2010.1.3-3',
    en: 'Detection of IED manufacturing facilities',
    text: {
      de: 'Aufspüren von Werkstätten zur Herstellung von IED',
      fr: 'Détection des ateliers de fabrication d’IED',
      es: 'Detección de instalaciones de fabricación de IED',
      it: 'Individuazione dei laboratori di fabbricazione di IED',
      pl: 'Wykrywanie miejsc produkcji IED',
      nl: 'Opsporing van werkplaatsen waar IED’s worden gemaakt',
    },
  },
  {
    id: 'call-topic:SEC-2010.4.2-2',
    en: 'Preparedness and Resilience to a CBRN crisis',
    text: {
      de: 'Vorsorge und Widerstandsfähigkeit bei einer CBRN-Krise',
      fr: 'Préparation et résilience face à une crise NRBC',
      es: 'Preparación y resiliencia ante una crisis NRBQ',
      it: 'Preparazione e resilienza di fronte a una crisi CBRN',
      pl: 'Gotowość i odporność na kryzys CBRN',
      nl: 'Paraatheid en weerbaarheid bij een CBRN-crisis',
    },
  },
  {
    id: 'call-topic:SEC-2011.2.5-1',
    en: 'Cyber attacks against critical infrastructures - Capability Project',
    text: {
      de: 'Cyberangriffe auf kritische Infrastrukturen',
      fr: 'Cyberattaques contre les infrastructures critiques',
      es: 'Ciberataques contra infraestructuras críticas',
      it: 'Attacchi informatici contro le infrastrutture critiche',
      pl: 'Cyberataki na infrastrukturę krytyczną',
      nl: 'Cyberaanvallen op kritieke infrastructuur',
    },
  },
  {
    id: 'call-topic:SEC-2011.4.2-2',
    en: 'Unmanned search and rescue solutions – Integration Project',
    text: {
      de: 'Unbemannte Lösungen für Suche und Rettung',
      fr: 'Solutions sans équipage pour la recherche et le sauvetage',
      es: 'Soluciones no tripuladas de búsqueda y rescate',
      it: 'Soluzioni senza equipaggio per la ricerca e il soccorso',
      pl: 'Bezzałogowe rozwiązania do poszukiwań i ratownictwa',
      nl: 'Onbemande oplossingen voor opsporing en redding',
    },
  },
  {
    id: 'call-topic:SEC-2012.3.4-2',
    en: 'Research and validation for sub-surface fingerprint live scanners - Capability Project',
    text: {
      de: 'Forschung und Validierung für Live-Scanner, die Fingerabdrücke unter der Hautoberfläche erfassen',
      fr: 'Recherche et validation de scanners d’empreintes digitales en direct sous la surface de la peau',
      es: 'Investigación y validación de escáneres de huellas dactilares en vivo bajo la superficie de la piel',
      it: 'Ricerca e validazione di scanner live per impronte digitali sotto la superficie della pelle',
      pl: 'Badania i walidacja skanerów linii papilarnych na żywo pod powierzchnią skóry',
      nl: 'Onderzoek naar en validatie van live vingerafdrukscanners onder het huidoppervlak',
    },
  },
  {
    id: 'call-topic:SEC-2013.2.1-2',
    en: 'Impact of extreme weather on critical infrastructure – Capability Project',
    text: {
      de: 'Auswirkungen extremer Wetterereignisse auf kritische Infrastrukturen',
      fr: 'Impact des phénomènes météorologiques extrêmes sur les infrastructures critiques',
      es: 'Impacto de los fenómenos meteorológicos extremos en las infraestructuras críticas',
      it: 'Impatto degli eventi meteorologici estremi sulle infrastrutture critiche',
      pl: 'Wpływ ekstremalnych zjawisk pogodowych na infrastrukturę krytyczną',
      nl: 'Gevolgen van extreem weer voor kritieke infrastructuur',
    },
  },
  {
    id: 'call-topic:SEC-2013.2.4-1',
    en: 'Phase II demonstration programme on logistics and supply chain security',
    text: {
      de: 'Demonstrationsprogramm Phase II zur Sicherheit von Logistik und Lieferketten',
      fr: 'Programme de démonstration phase II sur la sécurité de la logistique et des chaînes d’approvisionnement',
      es: 'Programa de demostración fase II sobre la seguridad de la logística y de la cadena de suministro',
      it: 'Programma dimostrativo fase II sulla sicurezza della logistica e della catena di approvvigionamento',
      pl: 'Program demonstracyjny, faza II: bezpieczeństwo logistyki i łańcucha dostaw',
      nl: 'Demonstratieprogramma fase II over de beveiliging van logistiek en toeleveringsketens',
    },
  },
];
