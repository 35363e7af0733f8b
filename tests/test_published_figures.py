"""Every snapshot file against its publication, and how many missions the snapshot measures.

The fast tests pin, per file in data/snapshot/, figures as the publication states them (written here
with the address and where on the page or in the table they stand), and compare the file with them:
a mistyped or shifted value in a snapshot file fails here, not on a dashboard. Every file has at
least two pinned figures, or all of its figures when it has fewer. Where a publication's own figures
add up (sectors to a total, animal categories to a total), that is checked for every year as well.

The slow test (the session warehouse) asserts how many of the 25 official missions have a series
worth the name after a full run: at least five periods, or an indicator published less often than
yearly (then a few periods are all there is), and that every theme has at least two such missions.
"""

import csv
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from dagster_project.settings import CATALOGUE_FILE, INDICATOR_FILE

from reference_rules import indicator_entries, mission_indicators

SNAPSHOT = Path(__file__).resolve().parent.parent / "data" / "snapshot"


def _figures(*rows):
    """(indicator, period, breakdown, value) tuples; breakdown 'totaal' when left out."""
    return [row if len(row) == 4 else (row[0], row[1], "totaal", row[2]) for row in rows]


# file -> (source address as in the file, where the figures stand, pinned figures)
PUBLISHED = {
    "cbs_nederland_in_cijfers_2024__broeikasgassen.csv": (
        "https://longreads.cbs.nl/the-netherlands-in-numbers-2024/what-volume-of-greenhouse-gases-do-we-emit",
        "chart 'Greenhouse gas emissions', mld kg CO2-eq; 2023 marked * (provisional)",
        _figures(("BKG_TOTAAL", "1990", 228.1), ("BKG_TOTAAL", "2015", 200.4), ("BKG_TOTAAL", "2023", 149.5)),
    ),
    "cbs_nieuws_2021_10__broeikasgassen_2020.csv": (
        "https://www.cbs.nl/nl-nl/nieuws/2021/10/uitstoot-broeikasgassen-8-procent-lager-in-2020",
        "lead: '166 megaton CO2-equivalent, 24,5 procent lager dan 1990'",
        _figures(("BKG_TOTAAL", "2020", 166)),
    ),
    "rivm_vzinfo_monitor_missies_gz__gezonde_levensverwachting.csv": (
        "https://www.vzinfo.nl/monitor-missies-gezondheid-en-zorg/centrale-missie",
        "tables 'Gezonde levensverwachting' by sex (2019-2022) and by education (four-year periods)",
        _figures(
            ("GLV_GEBOORTE", "2019", "geslacht:man", 64.8),
            ("GLV_GEBOORTE", "2022", "geslacht:vrouw", 62.3),
            ("GLV_OPLEIDING", "2019-2022", "geslacht:man|opleiding:laag", 57.2),
            ("GLV_OPLEIDING", "2019-2022", "geslacht:man|opleiding:hoog", 70.5),
        ),
    ),
    "cbs_materiaalmonitor_2024__materiaalgebruik.csv": (
        "https://cbs.nl/nl-nl/longread/rapportages/2024/groeiend-naar-een-groene-economie-?onepage=true",
        "news text: material input 390 (2014) and 369 (2022) billion kg",
        _figures(("MAT_INZET", "2014", 390), ("MAT_INZET", "2022", 369)),
    ),
    # --- Energietransitie -----------------------------------------------------------------------
    "cbs_dossier_greenhouse_gas_emissions__klimaatsectoren.csv": (
        "https://www.cbs.nl/en-gb/dossier/greenhouse-gas-emissions/which-sectors-emit-greenhouse-gases-",
        "table 'Greenhouse gas emissions, by sector' (Mt CO2-eq), row 1990 '86.8 39.6 33.4 29.7 33.0 5.4' "
        "(Industry, Electricity, Mobility, Built environment, Agriculture, Land use) and row 2022",
        _figures(
            ("BKG_INDUSTRIE", "1990", 86.8),
            ("BKG_ELEKTRICITEIT", "1990", 39.6),
            ("BKG_MOBILITEIT", "1990", 33.4),
            ("BKG_GEBOUWDE_OMGEVING", "1990", 29.7),
            ("BKG_LANDBOUW", "1990", 33.0),
            ("BKG_LANDGEBRUIK", "1990", 5.4),
            ("BKG_INDUSTRIE", "2022", 49.2),
            ("BKG_ELEKTRICITEIT", "2022", 30.5),
            ("BKG_LANDBOUW", "2022", 24.5),
        ),
    ),
    "cbs_groeiend_naar_een_groene_economie_2024__materiaalconsumptie_index.csv": (
        "https://cbs.nl/nl-nl/longread/rapportages/2024/groeiend-naar-een-groene-economie-/4-groeit-nederland-toe-naar-een-groene-economie-",
        "figure 4.1.1 'Ontwikkeling materiaalconsumptie (naar categorie) ten opzichte van bbp (index, 2014 = 100)'; "
        "text: metals 'sinds 2014 met 75 procent gestegen', minerals 'zo'n 23 procent gedaald'",
        _figures(
            ("MAT_CONSUMPTIE_INDEX", "2014", "materiaal:metaal", 100),
            ("MAT_CONSUMPTIE_INDEX", "2022", "materiaal:metaal", 174.60),
            ("MAT_CONSUMPTIE_INDEX", "2022", "materiaal:mineraal", 77.24),
            ("MAT_CONSUMPTIE_INDEX", "2016", "materiaal:biomassa", 92.73),
        ),
    ),
    # --- Landbouw, Water en Voedsel ---------------------------------------------------------------
    "cbs_dierlijke_mest_2020__stikstofexcretie.csv": (
        "https://www.cbs.nl/nl-nl/longread/aanvullende-statistische-diensten/2021/dierlijke-mest-en-mineralen-2020?onepage=true",
        "summary: 'De stikstofexcretie is in 2020 met 489,4 miljoen kilogram vrijwel gelijk aan de excretie in 2019 "
        "(489,7 miljoen kilogram)'; table of nitrogen excretion by animal category, row 1990 cattle 451,8",
        _figures(
            ("N_EXCRETIE_VEESTAPEL", "2020", 489.4),
            ("N_EXCRETIE_VEESTAPEL", "2019", 489.7),
            ("N_EXCRETIE_VEESTAPEL", "1990", "diercategorie:rundvee", 451.8),
        ),
    ),
    "cbs_dierlijke_mest_2023__stikstofexcretie.csv": (
        "https://cbs.nl/nl-nl/longread/aanvullende-statistische-diensten/2024/dierlijke-mest-en-mineralen-2023/6-resultaten",
        "text: 'daalde van 467,1 miljoen kilogram in 2022 tot 463,5 miljoen kilogram in 2023'; table 6.1.1, dairy 269,2 / 273,8",
        _figures(
            ("N_EXCRETIE_VEESTAPEL", "2022", 467.1),
            ("N_EXCRETIE_VEESTAPEL", "2023", 463.5),
            ("N_EXCRETIE_VEESTAPEL", "2023", "diercategorie:rundvee-melkveehouderij", 273.8),
        ),
    ),
    "wur_agrimatie_2023__ammoniak_landbouw.csv": (
        "https://agrimatie.nl/ThemaResultaat.aspx?subpubID=2232&themaID=2282&indicatorID=2007",
        "text: 'In 2021 bedroeg de ammoniakemissie uit de landbouw 107,9 mln. kg. Ten opzichte van 2019 (toen bedroeg "
        "de ammoniakemissie 110,3 mln. kg)' and 'van 330 mln. kg in 1990'",
        _figures(("NH3_LANDBOUW", "1990", 330), ("NH3_LANDBOUW", "2019", 110.3), ("NH3_LANDBOUW", "2021", 107.9)),
    ),
    "clo_nl0093_2023__stikstofoverschot_landbouw.csv": (
        "https://clo.nl/indicatoren/nl0093-stikstof-en-fosfaatbalans",
        "text: 'In 2022 was het stikstofoverschot hoog met een overschot van 306 miljoen kg stikstof.' and 'In 2023 "
        "daalde het overschot door de weeromstandigheden tot 265 miljoen kg stikstof'",
        _figures(("N_OVERSCHOT_LANDBOUW", "2022", 306), ("N_OVERSCHOT_LANDBOUW", "2023", 265)),
    ),
    "cbs_mineralenbalans_2024_via_blikopnieuws__stikstofoverschot.csv": (
        "https://www.blikopnieuws.nl/nieuws/308666/hoger-stikstofoverschot-landbouw-door-lage-oogst-minder-stikstof-in-mest.html",
        "lead: 'in 2024 ten opzichte van 2023 met bijna 13 procent toegenomen, tot 295 miljoen kilogram'; section 'Minder "
        "stikstof naar de lucht, meer naar de bodem': '75 miljoen kilogram' to the air, '220 miljoen kilogram' to the soil",
        _figures(
            ("N_OVERSCHOT_LANDBOUW", "2024", 295),
            ("N_OVERSCHOT_LANDBOUW", "2024", "verlies:lucht", 75),
            ("N_OVERSCHOT_LANDBOUW", "2024", "verlies:bodem", 220),
        ),
    ),
    "staatvanlandbouw_2022__krw_biologische_kwaliteit_2019.csv": (
        "https://www.staatvanlandbouwnatuurenvoedsel.nl/kerncijfers/biologische-waterkwaliteit/",
        "text: 'In 2019 wordt de kwaliteit bij 6,2% van de waterlichamen als goed beoordeeld.' (CLO nl143808: 44 of 710)",
        _figures(("KRW_BIOLOGIE_GOED", "2019", 6.2)),
    ),
    "nowastenetwork_oplegnotitie_2016__voedselverspilling_huishoudens.csv": (
        "https://nowastenetwork.nl/2017/05/17/oplegnotitie-voedselverspilling-bij-huishoudens-in-nederland-in-2016/",
        "text: 'Samen is dat dus 41,2 kilo per persoon per jaar'",
        _figures(("VOEDSELVERSPILLING_HUISHOUDENS", "2016", 41.2)),
    ),
    "nrc_2023_04__voedselverspilling.csv": (
        "https://www.nrc.nl/nieuws/2023/04/19/nederlandse-consumenten-hebben-al-stappen-gezet-maar-zouden-nog-minder-voedsel-weg-moeten-gooien-a4162557",
        "first paragraph: 'In 2022 verspilden Nederlanders gemiddeld 33,4 kilo voedsel per persoon'; later: 'Tussen 2013 "
        "en 2019 daalde de voedselverspilling van 47,7 kilo tot 34,3 kilo per persoon' and 'voor 2020 vast op gemiddeld "
        "161 kilogram per Nederlander'",
        _figures(
            ("VOEDSELVERSPILLING_HUISHOUDENS", "2022", 33.4),
            ("VOEDSELVERSPILLING_HUISHOUDENS", "2013", 47.7),
            ("VOEDSELVERSPILLING_HUISHOUDENS", "2019", 34.3),
            ("VOEDSELVERSPILLING_KETEN", "2020", 161),
        ),
    ),
    "unievanwaterschappen_lbo1_2023__keringen_norm.csv": (
        "https://unievanwaterschappen.nl/publicaties/de-beoordelingen-van-de-primaire-keringen/",
        "text: '38% van alle trajecten voldoet nu al aan de strengere eisen'",
        _figures(("KERINGEN_NORM_2050", "2023", 38)),
    ),
    # --- Gezondheid en Zorg -----------------------------------------------------------------------
    "cbs_statline_85445ned_via_github__glv_inkomen.csv": (
        "https://github.com/TijsReijling/Programmeren/blob/adebe92b9ae9aadbde3a12e715fff778d28b1883/data/Levensverwachting.csv",
        "CBS 85445NED as shown by CBS: 'Mannen 0 jaar Gestandaardiseerd inkomen: 1e 20%-groep Waarde 2007/2010 53,5 "
        "... 2017/2020 50,5 ... 2019/2022 52,1', 5e 20%-groep 71,2 / 73,2 / 72,9",
        _figures(
            ("GLV_INKOMEN", "2007-2010", "geslacht:man|inkomen:laagste", 53.5),
            ("GLV_INKOMEN", "2019-2022", "geslacht:man|inkomen:laagste", 52.1),
            ("GLV_INKOMEN", "2007-2010", "geslacht:man|inkomen:hoogste", 71.2),
            ("GLV_INKOMEN", "2019-2022", "geslacht:man|inkomen:hoogste", 72.9),
        ),
    ),
    "cbs_monitor_brede_welvaart__glv_geslacht_2023.csv": (
        "https://www.cbs.nl/nl-nl/visualisaties/monitor-brede-welvaart-en-de-sustainable-development-goals/hier-en-nu/gezondheid",
        "dashboard tiles: '64,1 jaren bij geboorte in 2023 ... Gezonde levensverwachting mannen A)', "
        "'62,4 jaren bij geboorte in 2023 ... Gezonde levensverwachting vrouwen A)'",
        _figures(("GLV_GEBOORTE", "2023", "geslacht:man", 64.1), ("GLV_GEBOORTE", "2023", "geslacht:vrouw", 62.4)),
    ),
    "cbs_statline_71950ned_via_github__glv_totaal.csv": (
        "https://github.com/yasminesfk/gezond-oud-worden-analyse/blob/0ecf7935630cbf2c08e337226251cf6a07754ee3/data/71950ned_TypedDataSet_29012025_112846.csv",
        "rows Geslacht=T001038, LeeftijdOp31December=10010, Marges=MW00000, column LVInAlsGoedErvarenGezondheid_2",
        _figures(("GLV_GEBOORTE", "2021", 65.2), ("GLV_GEBOORTE", "2022", 62.8), ("GLV_GEBOORTE", "2023", 63.3)),
    ),
    "cbs_statline_83021ned__rokers_12plus.csv": (
        "https://www.cbs.nl/nl-nl/cijfers/detail/83021NED?dl=6B3FE",
        "'Rookgedrag, 12 jaar of ouder - Rokers (%)', Totaal personen",
        _figures(("ROKERS_12PLUS", "2014", 24.2), ("ROKERS_12PLUS", "2021", 19.4)),
    ),
    "rivm_vzinfo_monitor_missies_gz__leefstijl.csv": (
        "https://www.vzinfo.nl/monitor-missies-gezondheid-en-zorg/leefstijl-en-leefomgeving",
        "'Percentage volwassenen dat rookt' 2020 20,2 ... 2023 19,0; 'Percentage personen van 4 jaar en ouder dat voldoet "
        "aan de Beweegrichtlijnen' 2020 52,7; 'Bijdrage van leefstijl (gedrag) aan de ziektelast (%) 18,5'",
        _figures(
            ("ROKERS_18PLUS", "2020", 20.2),
            ("ROKERS_18PLUS", "2023", 19.0),
            ("BEWEEGRICHTLIJN_4PLUS", "2020", 52.7),
            ("ZIEKTELAST_AANDEEL", "2018", "risicofactor:leefstijl", 18.5),
        ),
    ),
    "rivm_vzinfo_monitor_missies_gz__toegang_tot_zorg.csv": (
        "https://www.vzinfo.nl/monitor-missies-gezondheid-en-zorg/toegang-tot-zorg",
        "'Percentage 75-plussers dat ondersteuning en zorg naar eigen zeggen goed geregeld krijgt' 2019 74, 2020 75",
        _figures(("ZORG_75PLUS_GOED_GEREGELD", "2019", 74), ("ZORG_75PLUS_GOED_GEREGELD", "2020", 75)),
    ),
    "cbs_statline_82905ned__bewoners_verpleeg_verzorgingshuis.csv": (
        "https://www.cbs.nl/en-gb/figures/detail/82905ENG?q=home%20care",
        "'Persons in institutional households - Homes for the elderly and nursing homes' (1 January): "
        "1998 145 115, 2019 115 394, 2023 125 046",
        _figures(
            ("BEWONERS_VERPLEEG_VERZORGINGSHUIS", "1998", 145115),
            ("BEWONERS_VERPLEEG_VERZORGINGSHUIS", "2019", 115394),
            ("BEWONERS_VERPLEEG_VERZORGINGSHUIS", "2023", 125046),
        ),
    ),
    "rivm_vzinfo_monitor_missies_gz__chronische_ziekten.csv": (
        "https://www.vzinfo.nl/monitor-missies-gezondheid-en-zorg/chronische-ziekten",
        "'kan gaan en staan in de eigen woning' lichamelijke beperking 65 65 67 66 (2019-2022); betaald werk >= 12 uur, "
        "chronische ziekte 59 56 55 (2019-2021)",
        _figures(
            ("PART_GAAN_STAAN_WONING", "2019", "beperking:lichamelijke", 65),
            ("PART_GAAN_STAAN_WONING", "2021", "beperking:lichamelijke", 67),
            ("PART_BETAALD_WERK_12U", "2021", "groep:chronische-ziekte", 55),
        ),
    ),
    # --- Veiligheid -------------------------------------------------------------------------------
    "criminaliteitinbeeld_cbs__slachtofferschap_2012_2016.csv": (
        "https://www.criminaliteitinbeeld.nl/onderwerpen/slachtofferschap/slachtofferschap-criminaliteit",
        "tables 'Slachtofferschap traditionele criminaliteit (%)', 'Totaal delicten 19,8 17,6 17,3', and "
        "'Cybercrime totaal 12,1 11,1 10,7' (2012/2015/2016)",
        _figures(
            ("SLACHTOFFER_TRADITIONEEL_OUD", "2012", 19.8),
            ("SLACHTOFFER_TRADITIONEEL_OUD", "2016", 17.3),
            ("SLACHTOFFER_CYBERCRIME_OUD", "2012", 12.1),
            ("SLACHTOFFER_CYBERCRIME_OUD", "2016", 10.7),
        ),
    ),
    "cbs_corporate_2015__cybercrime_2014.csv": (
        "https://www.cbs.nl/nl-nl/corporate/2015/17/nederland-is-veiliger-geworden",
        "text: 'in 2014 ongeveer een op de negen (11,2 pr...'",
        _figures(("SLACHTOFFER_CYBERCRIME_OUD", "2014", 11.2)),
    ),
    "veiligheidsbranche_vm2021__slachtoffer_traditioneel.csv": (
        "https://www.veiligheidsbranche.nl/kenniscentrum/minder-traditionele-criminaliteit-in-alle-delen-van-nederland/",
        "text: '17,1 procent van de Nederlanders is in 2021 het slachtoffer geworden' and 'in 2019 was dit 20,9 procent'",
        _figures(("SLACHTOFFER_TRADITIONEEL", "2021", 17.1), ("SLACHTOFFER_TRADITIONEEL", "2019", 20.9)),
    ),
    "cbs_statline_85322ned__slachtoffer_traditioneel.csv": (
        "https://www.cbs.nl/nl-nl/cijfers/detail/85322NED",
        "row 'Waarde Nederland 2023 19,9', column 'Traditionele criminaliteit Totaal slachtoffers (%)'",
        _figures(("SLACHTOFFER_TRADITIONEEL", "2023", 19.9)),
    ),
    "cbs_statline_85322ned__slachtoffer_traditioneel_provincie_2023.csv": (
        "https://www.cbs.nl/nl-nl/cijfers/detail/85322NED",
        "rows 'Waarde Nederland 2023' 19,9, 'Waarde Noord-Holland (PV) 2023' 23,6, 'Waarde Zeeland (PV) 2023' 14,7",
        _figures(
            ("SLACHTOFFER_TRADITIONEEL", "2023", 19.9),
            ("SLACHTOFFER_TRADITIONEEL", "2023@PV27", 23.6),
            ("SLACHTOFFER_TRADITIONEEL", "2023@PV29", 14.7),
        ),
    ),
    "cbs_statline_82506ned__stikstofuitscheiding_landbouwbedrijven_provincie_2017.csv": (
        "https://cbs.nl/nl-nl/cijfers/detail/82506NED?q=veehouderij",
        "'Totaal landbouwbedrijven Nederland 2017*' 500 000 and 'Groningen (PV) 2017*' 25 600 (1 000 kg N)",
        _figures(("N_EXCRETIE_LANDBOUWBEDRIJVEN", "2017", 500), ("N_EXCRETIE_LANDBOUWBEDRIJVEN", "2017@PV20", 25.6)),
    ),
    # 83983NED, the successor of 82506NED, read in a CBS download kept on GitHub (secondary); its 2017 is
    # the final figure that revises the provisional 2017* above. NL 1990 and 2000 also stand on the
    # primary StatLine page of 82506NED (691.200 and 549.100 x 1 000 kg).
    "cbs_statline_83983ned_via_github__stikstofuitscheiding_landbouwbedrijven_provincie_1990_2021.csv": (
        "https://github.com/Benjamin-UU/nitrogen_dashboard/blob/0e666ee58eb00911afaa17f7fd2313feea06e50c/Dashboard/data_preparation/data/83983NED_UntypedDataSet_24022022_122525.csv",
        "rows Bedrijfstype T001061, column TotaalStikstofuitscheiding_5 (1 000 kg): NL01 1990 691200, 2000 549100, "
        "2017 512000, 2021 473700; PV20 2017 26810",
        _figures(
            ("N_EXCRETIE_LANDBOUWBEDRIJVEN", "1990", 691.2),
            ("N_EXCRETIE_LANDBOUWBEDRIJVEN", "2000", 549.1),
            ("N_EXCRETIE_LANDBOUWBEDRIJVEN", "2017", 512),
            ("N_EXCRETIE_LANDBOUWBEDRIJVEN", "2017@PV20", 26.81),
            ("N_EXCRETIE_LANDBOUWBEDRIJVEN", "2021", 473.7),
        ),
    ),
    # The Gezondheidsmonitor 2020 (85012NED) per municipality, read in a pandas export of the CBS table on
    # GitHub (secondary); NL 16,7 smokers also stands on the CBS page of 85012NED, NL 50,4 on RIVM's
    # sportenbewegenincijfers.nl map.
    "cbs_statline_85012ned_via_github__rokers_18plus_gzm_gemeente_2020.csv": (
        "https://github.com/Oxylo/Hackathon_Life_Vitality/blob/25a2a051166b30525790751db7a0c7ff57dc03cb/Upload/CBS/Gezondheidsmonitor20_85012NED.csv",
        "column Rokers, Leeftijd Totaal, Marges Waarde: Nederland 16.7, Groningen (PV) 19.7, Aa en Hunze 14.3, Amsterdam 21.8",
        _figures(
            ("ROKERS_18PLUS_GZM", "2020", 16.7),
            ("ROKERS_18PLUS_GZM", "2020@PV20", 19.7),
            ("ROKERS_18PLUS_GZM", "2020@GM1680", 14.3),
            ("ROKERS_18PLUS_GZM", "2020@GM0363", 21.8),
        ),
    ),
    "cbs_statline_85012ned_via_github__beweegrichtlijn_18plus_gzm_gemeente_2020.csv": (
        "https://github.com/Oxylo/Hackathon_Life_Vitality/blob/25a2a051166b30525790751db7a0c7ff57dc03cb/Upload/CBS/Gezondheidsmonitor20_85012NED.csv",
        "column VoldoetAanBeweegrichtlijn, Leeftijd Totaal, Marges Waarde: Nederland 50.4, Kerkrade 36.2 (lowest), "
        "Terschelling 72.2 (highest), Stadskanaal 39.7",
        _figures(
            ("BEWEEGRICHTLIJN_18PLUS_GZM", "2020", 50.4),
            ("BEWEEGRICHTLIJN_18PLUS_GZM", "2020@GM0928", 36.2),
            ("BEWEEGRICHTLIJN_18PLUS_GZM", "2020@GM0093", 72.2),
            ("BEWEEGRICHTLIJN_18PLUS_GZM", "2020@GM0037", 39.7),
        ),
    ),
    "cbs_statline_85150ned__zorgwoonruimten_provincie_2022.csv": (
        "https://www.cbs.nl/nl-nl/cijfers/detail/85150NED?q=regionale%20data%20centra",
        "'Totaal Nederland 2022*' 132 790 and 'Totaal Groningen (PV) 2022*' 5 765 zorgwoonruimten",
        _figures(("ZORGWOONRUIMTEN", "2022", 132790), ("ZORGWOONRUIMTEN", "2022@PV20", 5765)),
    ),
    "cbs_statline_85472ned__slachtoffer_online.csv": (
        "https://www.cbs.nl/nl-nl/cijfers/detail/85472NED",
        "rows 'Nederland | Waarde | 2021 | 16,9' and 'Nederland | Waarde | 2023 | 15,6'",
        _figures(("SLACHTOFFER_ONLINE", "2021", 16.9), ("SLACHTOFFER_ONLINE", "2023", 15.6)),
    ),
    "cbs_ovec2022__slachtoffer_online.csv": (
        "https://www.cbs.nl/nl-nl/longread/rapportages/2023/online-veiligheid-en-criminaliteit-2022/7-online-criminaliteit-totaal",
        "table 7.1.1, row 'Online criminaliteit totaal 14,8'",
        _figures(("SLACHTOFFER_ONLINE_OVEC", "2022", 14.8)),
    ),
    "cbs_ovec2024__slachtoffer_online.csv": (
        "https://www.security.nl/posting/884235/CBS%3A+meer+Nederlanders+vorig+jaar+slachtoffer+van+online+criminaliteit?channel=rss",
        "text: 'Tijdens het vorige onderzoek in 2022 ... 14,8 procent ... Vorig jaar bedroeg dat 15,7 procent.'",
        _figures(("SLACHTOFFER_ONLINE_OVEC", "2024", 15.7)),
    ),
    "itu_gci2018__positie_nl.csv": (
        "https://preview.hindawi.com/journals/je/2020/5267564/tab4",
        "table 4, row '12 | Netherlands | 0.885'",
        _figures(("GCI_POSITIE", "2018", 12)),
    ),
    "intelligencegroup_ago_2018_02__favoriete_werkgever.csv": (
        "http://www.managersonline.nl/nieuws/19433/het-rijk-wederom-verkozen-als-meest-favoriete-werkgever.html",
        "text: 'Op de tweede plaats staat Shell, gevolgd door Rabobank, de Politie en KLM' (police fourth)",
        _figures(("WERKGEVER_POSITIE", "2017", "werkgever:politie", 4)),
    ),
    "intelligencegroup_ago_2022_02__favoriete_werkgever.csv": (
        "https://welingelichtekringen.nl/economie/dit-zijn-de-tien-populairste-werkgevers-van-nederland",
        "table '2021 Organisatie 2020': '2 Politie 2' and '5 Defensie 3'",
        _figures(
            ("WERKGEVER_POSITIE", "2021", "werkgever:politie", 2),
            ("WERKGEVER_POSITIE", "2020", "werkgever:politie", 2),
            ("WERKGEVER_POSITIE", "2021", "werkgever:defensie", 5),
            ("WERKGEVER_POSITIE", "2020", "werkgever:defensie", 3),
        ),
    ),
    "intelligencegroup_defensie_2024_03__favoriete_werkgever.csv": (
        "https://www.blikopnieuws.nl/nieuws/301615/defensie-gestegen-naar-3e-plek-als-gewilde-werkgever.html",
        "text: 'steeg van plek 7 in 2022 naar de derde plaats in 2023'",
        _figures(("WERKGEVER_POSITIE", "2022", "werkgever:defensie", 7), ("WERKGEVER_POSITIE", "2023", "werkgever:defensie", 3)),
    ),
}


def _rows(file_name: str) -> list[dict]:
    with (SNAPSHOT / file_name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def _values(file_name: str) -> dict[tuple[str, str, str], float]:
    # a provincial figure is pinned as period@region (e.g. "2023@PV27"); a national one by its period
    return {
        (
            r["indicator"],
            r["periode"] if r["regio"] == "NL" else f"{r['periode']}@{r['regio']}",
            r.get("uitsplitsing") or "totaal",
        ): float(r["waarde"].replace(",", "."))
        for r in _rows(file_name)
    }


def test_every_snapshot_file_has_its_published_figures_pinned():
    assert set(PUBLISHED) == {p.name for p in SNAPSHOT.glob("*.csv")}


@pytest.mark.parametrize("file_name", sorted(PUBLISHED))
def test_the_snapshot_file_holds_the_figures_as_published(file_name):
    url, where, figures = PUBLISHED[file_name]
    rows, values = _rows(file_name), _values(file_name)
    assert len(figures) >= min(2, len(rows)), f"pin at least two figures of {file_name} ({where})"
    assert {r["bron_url"] for r in rows} == {url}
    for indicator, period, breakdown, published in figures:
        assert values.get((indicator, period, breakdown)) == pytest.approx(published, abs=1e-9), (
            f"{file_name}: {indicator} {period} {breakdown} should be {published} ({where}, {url})"
        )


def test_the_climate_sectors_add_up_to_the_published_total_of_each_year():
    """The six sectors of the CBS dossier against the total of The Netherlands in numbers 2024, a
    publication of the same release: rounding leaves at most a few tenths, a mistyped cell more."""
    sectors = defaultdict(float)
    for (_, period, _), value in _values("cbs_dossier_greenhouse_gas_emissions__klimaatsectoren.csv").items():
        sectors[period] += value
    totals = {period: value for (_, period, _), value in _values("cbs_nederland_in_cijfers_2024__broeikasgassen.csv").items()}
    assert sorted(sectors) == [str(year) for year in range(1990, 2023)]
    assert {
        period: round(total - totals[period], 1) for period, total in sectors.items() if abs(total - totals[period]) > 0.45
    } == {}


def test_the_nitrogen_surplus_is_its_losses_to_air_and_soil():
    values = _values("cbs_mineralenbalans_2024_via_blikopnieuws__stikstofoverschot.csv")
    surplus = values[("N_OVERSCHOT_LANDBOUW", "2024", "totaal")]
    losses = values[("N_OVERSCHOT_LANDBOUW", "2024", "verlies:lucht")] + values[("N_OVERSCHOT_LANDBOUW", "2024", "verlies:bodem")]
    assert losses == surplus


def test_the_animal_categories_add_up_to_the_published_total():
    for file_name in ("cbs_dierlijke_mest_2020__stikstofexcretie.csv", "cbs_dierlijke_mest_2023__stikstofexcretie.csv"):
        parts, totals = defaultdict(float), {}
        for (_, period, breakdown), value in _values(file_name).items():
            if breakdown == "totaal":
                totals[period] = value
            else:
                parts[period] += value
        assert totals
        for period, total in totals.items():
            assert parts[period] == pytest.approx(total, abs=0.15), (file_name, period)


def test_the_provinces_add_up_to_the_nation_in_every_year_of_the_nitrogen_series():
    """83983NED rounds each province to tens of 1 000 kg: their sum is the national figure within 0,05
    mln kg N, every year from 1990 to 2021 (the research's own check, kept)."""
    file_name = "cbs_statline_83983ned_via_github__stikstofuitscheiding_landbouwbedrijven_provincie_1990_2021.csv"
    provinces, nation = defaultdict(list), {}
    for r in _rows(file_name):
        value = float(r["waarde"].replace(",", "."))
        if r["regio"] == "NL":
            nation[r["periode"]] = value
        else:
            provinces[r["periode"]].append(value)
    assert sorted(nation) == ["1990", *(str(year) for year in range(1994, 2022))]
    for period, total in nation.items():
        assert len(provinces[period]) == 12, period
        assert sum(provinces[period]) == pytest.approx(total, abs=0.05 + 1e-9), period


# --- coverage after a run --------------------------------------------------------------------------

MEASURED_OFFICIAL_MISSIONS = 16  # of the 25; the table in docs/dekking.md lists them
MIN_PERIODS = 5


@pytest.mark.slow
def test_enough_official_missions_have_a_series_and_every_theme_at_least_two(warehouse):
    # Expected from the reference and the facts, independently of the mart's own columns.
    interval = {e["code"]: e.get("ritme_jaren") or 1 for e in indicator_entries(INDICATOR_FILE)}
    periods = defaultdict(int)
    for indicator, count in warehouse.execute(
        "select indicator_key, max(n) from (select indicator_key, breakdown, count(distinct period_year) as n "
        "from marts.fct_observations where is_latest and region_key = 'NL' group by all) group by all"
    ).fetchall():
        periods[indicator] = count
    catalogue = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))["missies"]
    expected = {}
    for mission, codes in mission_indicators(INDICATOR_FILE, CATALOGUE_FILE).items():
        with_figures = [code for code in codes if periods[code] > 0]
        expected[mission] = (max([periods[c] for c in with_figures], default=0), any(interval[c] > 1 for c in with_figures))

    rows = warehouse.execute(
        "select mission_key, theme_key, counts_in_official_25, longest_series_period_count, "
        "has_indicator_published_less_than_yearly, has_indicator, coverage_reason_nl from marts.fct_mission_status"
    ).fetchall()
    assert {m: (n, less) for m, _, _, n, less, _, _ in rows} == expected

    measured = {m: theme for m, theme, official, n, less, *_ in rows if official and (n >= MIN_PERIODS or less)}
    assert len(measured) >= MEASURED_OFFICIAL_MISSIONS, sorted(measured)
    per_theme = {theme: sum(t == theme for t in measured.values()) for theme in {t for _, t, *_ in rows}}
    assert min(per_theme.values()) >= 2, per_theme

    # every mission without an indicator says why, in the words of the catalogue
    reasons = {m["code"]: m.get("dekking_toelichting") for m in catalogue}
    for mission, _, _, _, _, has_indicator, reason in rows:
        if not has_indicator:
            assert reason == reasons[mission] and reason, mission
