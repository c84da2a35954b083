<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DraftsOffer</name>
    <message numerus="yes">
        <source>Discard %n unsaved edit(s)? This cannot be undone.</source>
        <translation>
            <numerusform>Discard %n unsaved edit? This cannot be undone.</numerusform>
            <numerusform>Discard %n unsaved edits? This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicateVisitDialog</name>
    <message numerus="yes">
        <source>Without a start date the %n programme item(s) are left out: they need a date.</source>
        <translation>
            <numerusform>Without a start date the %n programme item is left out: it needs a date.</numerusform>
            <numerusform>Without a start date the %n programme items are left out: they need a date.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message numerus="yes">
        <source>%n likely duplicate pair(s)</source>
        <translation>
            <numerusform>%n likely duplicate pair</numerusform>
            <numerusform>%n likely duplicate pairs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LettersDialog</name>
    <message numerus="yes">
        <source>%n letter(s) to write.</source>
        <translation>
            <numerusform>%n letter to write.</numerusform>
            <numerusform>%n letters to write.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s) saved in %1.</source>
        <translation>
            <numerusform>%n letter saved in %1.</numerusform>
            <numerusform>%n letters saved in %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%Ln person(s)</source>
        <translation>
            <numerusform>%Ln person</numerusform>
            <numerusform>%Ln people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln institution(s)</source>
        <translation>
            <numerusform>%Ln institution</numerusform>
            <numerusform>%Ln institutions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln visit(s)</source>
        <translation>
            <numerusform>%Ln visit</numerusform>
            <numerusform>%Ln visits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln meeting(s)</source>
        <translation>
            <numerusform>%Ln meeting</numerusform>
            <numerusform>%Ln meetings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln follow-up(s)</source>
        <translation>
            <numerusform>%Ln follow-up</numerusform>
            <numerusform>%Ln follow-ups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln open)</source>
        <translation>
            <numerusform>(%Ln open)</numerusform>
            <numerusform>(%Ln open)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordMenu</name>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n visit</numerusform>
            <numerusform>%n visits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n meeting(s)</source>
        <translation>
            <numerusform>%n meeting</numerusform>
            <numerusform>%n meetings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n agreement(s)</source>
        <translation>
            <numerusform>%n agreement</numerusform>
            <numerusform>%n agreements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n unit</numerusform>
            <numerusform>%n units</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n position(s)</source>
        <translation>
            <numerusform>%n position</numerusform>
            <numerusform>%n positions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Uses</name>
    <message numerus="yes">
        <source>%Ln visit(s)</source>
        <translation>
            <numerusform>%Ln visit</numerusform>
            <numerusform>%Ln visits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln meeting(s)</source>
        <translation>
            <numerusform>%Ln meeting</numerusform>
            <numerusform>%Ln meetings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln agreement(s)</source>
        <translation>
            <numerusform>%Ln agreement</numerusform>
            <numerusform>%Ln agreements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unit(s)</source>
        <translation>
            <numerusform>%Ln unit</numerusform>
            <numerusform>%Ln units</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln position(s)</source>
        <translation>
            <numerusform>%Ln position</numerusform>
            <numerusform>%Ln positions</numerusform>
        </translation>
    </message>
</context>
</TS>
