<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AgreementEditor</name>
    <message>
        <source>New agreement</source>
        <translation>Новое соглашение</translation>
    </message>
    <message>
        <source>Edit agreement</source>
        <translation>Изменить соглашение</translation>
    </message>
    <message>
        <source>&amp;Agreement</source>
        <translation>&amp;Соглашение</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>Дата подписания</translation>
    </message>
    <message>
        <source>Signed at</source>
        <translation>Место подписания</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>Стороны</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Signatories</source>
        <translation>Подписанты</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Человек</translation>
    </message>
    <message>
        <source>For</source>
        <translation>От имени</translation>
    </message>
    <message>
        <source>Agreement summary</source>
        <translation>Краткое содержание</translation>
    </message>
</context>
<context>
    <name>AgreementKind</name>
    <message>
        <source>Memorandum of understanding</source>
        <translation>Меморандум о взаимопонимании</translation>
    </message>
    <message>
        <source>Cooperation agreement</source>
        <translation>Соглашение о сотрудничестве</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <source>Protocol of intent</source>
        <translation>Протокол о намерениях</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
</context>
<context>
    <name>AgreementStatus</name>
    <message>
        <source>Draft</source>
        <translation>Проект</translation>
    </message>
    <message>
        <source>Negotiating</source>
        <translation>На согласовании</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Подписано</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Истёк срок</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Расторгнуто</translation>
    </message>
</context>
<context>
    <name>AgreementsTab</name>
    <message>
        <source>Signed</source>
        <translation>Подписано</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Соглашение</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>Стороны</translation>
    </message>
    <message>
        <source>Filter by title…</source>
        <translation>Фильтр по названию…</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Любой статус</translation>
    </message>
    <message>
        <source>Select an agreement to see its parties, dates and summary.</source>
        <translation>Выберите соглашение, чтобы увидеть стороны, даты и краткое содержание.</translation>
    </message>
    <message>
        <source>No agreement matches the filter. Clear it to see them all.</source>
        <translation>Ни одно соглашение не подходит под фильтр. Сбросьте его, чтобы увидеть все.</translation>
    </message>
    <message>
        <source>No agreements yet: record the memoranda and agreements signed with your partners.</source>
        <translation>Соглашений пока нет: внесите меморандумы и соглашения, подписанные с партнёрами.</translation>
    </message>
</context>
<context>
    <name>ArchiveJobs</name>
    <message>
        <source>Organizer</source>
        <translation>Organizer</translation>
    </message>
    <message>
        <source>Import vCards</source>
        <translation>Импорт vCard</translation>
    </message>
    <message>
        <source>Import archive</source>
        <translation>Импорт архива</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Чтение %1…</translation>
    </message>
    <message>
        <source>%1 people will be created, %2 updated and %3 skipped (nothing new); %4 institutions will be created.</source>
        <translation>Людей будет создано: %1, обновлено: %2, пропущено (нет нового): %3; организаций будет создано: %4.</translation>
    </message>
    <message>
        <source>%1 values will be left out, for example:</source>
        <translation>Значений не будет импортировано: %1, например:</translation>
    </message>
    <message>
        <source>vCard import finished: %1 people created, %2 updated, %3 skipped.</source>
        <translation>Импорт vCard завершён: людей создано: %1, обновлено: %2, пропущено: %3.</translation>
    </message>
    <message>
        <source>Export archive</source>
        <translation>Экспорт архива</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Импорт %1…</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Экспорт в %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>Отменено: ничего не изменено.</translation>
    </message>
    <message>
        <source>Organizer archive (*.json);;All files (*)</source>
        <translation>Архив Organizer (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>vCard files (*.vcf *.vcard);;All files (*)</source>
        <translation>Файлы vCard (*.vcf *.vcard);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Import finished: %1 records added, %2 already present.</source>
        <translation>Импорт завершён: добавлено записей — %1, уже были — %2.</translation>
    </message>
    <message>
        <source>%1 updated (newer in the file), %2 kept as they are (the database&apos;s copy is as new or newer).</source>
        <translation>Обновлено (в файле новее) — %1, оставлено как есть (в базе не старше) — %2.</translation>
    </message>
    <message>
        <source>Exported %1 records to %2.</source>
        <translation>Экспортировано записей: %1, файл %2.</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>Attached files</source>
        <translation>Прикреплённые файлы</translation>
    </message>
    <message>
        <source>&amp;Attach files…</source>
        <translation>&amp;Прикрепить файлы…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Открыть</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Убрать</translation>
    </message>
    <message>
        <source>Save the record first, then attach files to it.</source>
        <translation>Сначала сохраните запись, затем прикрепляйте к ней файлы.</translation>
    </message>
    <message>
        <source>Drop files here to attach them.</source>
        <translation>Перетащите сюда файлы, чтобы прикрепить их.</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>не обычный файл</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Не удаётся открыть %1: %2</translation>
    </message>
    <message>
        <source>No program to open this file was found. A copy is at %1</source>
        <translation>Не найдена программа, чтобы открыть этот файл. Копия лежит здесь: %1</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Прикрепить файлы</translation>
    </message>
</context>
<context>
    <name>BackupOffer</name>
    <message>
        <source>Cannot Open Database</source>
        <translation>Не удалось открыть базу данных</translation>
    </message>
    <message>
        <source>Organizer could not open %1.</source>
        <translation>Organizer не смог открыть %1.</translation>
    </message>
    <message>
        <source>The newest backup that opens cleanly is from %1. Restore it? The current file is kept, unchanged, in the folder %2.</source>
        <translation>Самая свежая исправная резервная копия сделана %1. Восстановить её? Текущий файл будет сохранён без изменений в папке %2.</translation>
    </message>
    <message>
        <source>Newer backups that cannot be used: %1</source>
        <translation>Более новые копии, которые нельзя использовать: %1</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <source>The backup could not be restored.</source>
        <translation>Не удалось восстановить резервную копию.</translation>
    </message>
</context>
<context>
    <name>BriefingDialog</name>
    <message>
        <source>Briefing</source>
        <translation>Справочные материалы</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Досье</translation>
    </message>
    <message>
        <source>Pre-visit &amp;briefing book</source>
        <translation>Справочные &amp;материалы к визиту</translation>
    </message>
    <message>
        <source>Post-visit &amp;report</source>
        <translation>&amp;Отчёт о визите</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Разделы</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Американский (216 × 279 мм)</translation>
    </message>
    <message>
        <source>e.g. For official use</source>
        <translation>например, Для служебного пользования</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>&amp;Paper:</source>
        <translation>&amp;Бумага:</translation>
    </message>
    <message>
        <source>&amp;Marking:</source>
        <translation>&amp;Гриф:</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Создать</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Темы</translation>
    </message>
    <message>
        <source>At a glance (one-page summary)</source>
        <translation>Краткая справка (одна страница)</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>Делегация</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Программа</translation>
    </message>
    <message>
        <source>Biographies</source>
        <translation>Биографии</translation>
    </message>
    <message>
        <source>Host participants</source>
        <translation>Принимающая сторона</translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation>Организации</translation>
    </message>
    <message>
        <source>History of relations</source>
        <translation>История отношений</translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation>Невыполненные договорённости</translation>
    </message>
    <message>
        <source>Logistics and gifts</source>
        <translation>Логистика и подарки</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Итоги</translation>
    </message>
    <message>
        <source>Meetings, notes and outcomes</source>
        <translation>Встречи, записи и результаты</translation>
    </message>
    <message>
        <source>Agreed follow-ups</source>
        <translation>Достигнутые договорённости</translation>
    </message>
    <message>
        <source>Agreements of the visit</source>
        <translation>Соглашения визита</translation>
    </message>
    <message>
        <source>Laying out the document…</source>
        <translation>Вёрстка документа…</translation>
    </message>
    <message>
        <source>Laying out the document… page %1</source>
        <translation>Вёрстка документа… страница %1</translation>
    </message>
    <message>
        <source>Could not generate the document: %1</source>
        <translation>Не удалось создать документ: %1</translation>
    </message>
</context>
<context>
    <name>ChoiceField</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Changed elsewhere</source>
        <translation>Изменено в другом месте</translation>
    </message>
    <message>
        <source>This %1 was changed elsewhere while you were editing it. The fields that differ are below: choose which version to keep, or merge them field by field (fields only one side changed are taken from that side).</source>
        <translation>Запись (%1) была изменена в другом месте, пока вы её редактировали. Ниже — поля, которые различаются: выберите, какую версию сохранить, или объедините их по полям (поле, изменённое только одной стороной, берётся с этой стороны).</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>I started from</source>
        <translation>Было у меня</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Моя версия</translation>
    </message>
    <message>
        <source>(a deleted record)</source>
        <translation>(удалённая запись)</translation>
    </message>
    <message>
        <source>photo</source>
        <translation>фотография</translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>Прикреплённые файлы</translation>
    </message>
    <message>
        <source>Take</source>
        <translation>Взять</translation>
    </message>
    <message>
        <source>Theirs (stored now)</source>
        <comment>the other user&apos;s version</comment>
        <translation>Их версия (сохранена сейчас)</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>Оставить &amp;мою версию</translation>
    </message>
    <message>
        <source>Save my whole form over the other change</source>
        <translation>Записать всю мою форму поверх изменения другого пользователя</translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation>Оставить &amp;их версию</translation>
    </message>
    <message>
        <source>Drop my changes and show the stored version</source>
        <translation>Отбросить мои изменения и показать сохранённую версию</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Объединить</translation>
    </message>
    <message>
        <source>Save the fields as chosen above</source>
        <translation>Сохранить поля так, как выбрано выше</translation>
    </message>
    <message>
        <source>(not kept)</source>
        <translation>(не сохранилось)</translation>
    </message>
    <message>
        <source>Theirs</source>
        <comment>the other user&apos;s version</comment>
        <translation>Их версия</translation>
    </message>
    <message>
        <source>Take for %1</source>
        <translation>Что взять: %1</translation>
    </message>
    <message>
        <source>mine (only I changed it)</source>
        <translation>моя версия (изменил только я)</translation>
    </message>
    <message>
        <source>theirs (only they changed it)</source>
        <translation>их версия (изменил только другой пользователь)</translation>
    </message>
</context>
<context>
    <name>DatabaseActions</name>
    <message>
        <source>&amp;New Database…</source>
        <translation>&amp;Создать базу данных…</translation>
    </message>
    <message>
        <source>Create an empty database file and open it</source>
        <translation>Создать пустой файл базы данных и открыть его</translation>
    </message>
    <message>
        <source>&amp;Open Database…</source>
        <translation>&amp;Открыть базу данных…</translation>
    </message>
    <message>
        <source>Open another Organizer database file</source>
        <translation>Открыть другой файл базы данных Organizer</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Н&amp;едавние</translation>
    </message>
    <message>
        <source>Organizer databases (*.sqlite *.db);;All files (*)</source>
        <translation>Базы данных Organizer (*.sqlite *.db);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Open Database</source>
        <translation>Открыть базу данных</translation>
    </message>
    <message>
        <source>New Database</source>
        <translation>Новая база данных</translation>
    </message>
    <message>
        <source>%1 already exists. Choose another name, or open it with File &gt; Open Database….</source>
        <translation>Файл %1 уже существует. Выберите другое имя или откройте его через «Файл &gt; Открыть базу данных…».</translation>
    </message>
    <message>
        <source>No recent databases</source>
        <translation>Нет недавних баз данных</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>&amp;Очистить список</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>ГГГГ-ММ-ДД</translation>
    </message>
</context>
<context>
    <name>DateTimeField</name>
    <message>
        <source>YYYY-MM-DD HH:MM</source>
        <translation>ГГГГ-ММ-ДД ЧЧ:ММ</translation>
    </message>
</context>
<context>
    <name>Details</name>
    <message>
        <source>current</source>
        <translation>сейчас</translation>
    </message>
    <message>
        <source>past</source>
        <translation>прежняя</translation>
    </message>
    <message>
        <source>Form of address</source>
        <translation>Обращение</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Языки</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Темы</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Names in other scripts</source>
        <translation>Имя в других написаниях</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>Должности</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Должность</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>No positions recorded.</source>
        <translation>Должности не указаны.</translation>
    </message>
    <message>
        <source>Open follow-ups owned</source>
        <translation>Открытые поручения</translation>
    </message>
    <message>
        <source>Owns no open follow-up.</source>
        <translation>Открытых поручений нет.</translation>
    </message>
    <message>
        <source>Visits and meetings</source>
        <translation>Визиты и встречи</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Visit or meeting</source>
        <translation>Визит или встреча</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Сторона</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Meeting:</source>
        <translation>Встреча:</translation>
    </message>
    <message>
        <source>Has not taken part in any visit or meeting yet.</source>
        <translation>Пока не участвовал(а) ни в визитах, ни во встречах.</translation>
    </message>
    <message>
        <source>Biography</source>
        <translation>Биография</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>Краткое название</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Part of</source>
        <translation>Входит в</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Место</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Сайт</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Профиль</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Подразделения</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Nobody holds a position here.</source>
        <translation>Здесь пока никто не занимает должность.</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Визиты</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Даты</translation>
    </message>
    <message>
        <source>Has taken part in no visit yet.</source>
        <translation>Ещё не участвовала ни в одном визите.</translation>
    </message>
    <message>
        <source>Meetings held here</source>
        <translation>Встречи, проведённые здесь</translation>
    </message>
    <message>
        <source>No meeting has been held here yet.</source>
        <translation>Здесь ещё не проводилось встреч.</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>Гости</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>Принимающая сторона</translation>
    </message>
    <message>
        <source>Time not set</source>
        <translation>Время не задано</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Цель</translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation>Организации</translation>
    </message>
    <message>
        <source>+ Add an arrival, transfer, meal or other programme item</source>
        <translation>+ Добавить прибытие, переезд, питание или другой пункт программы</translation>
    </message>
    <message>
        <source>Duplicate this visit (next year&apos;s, or the return visit)…</source>
        <translation>Создать копию визита (на следующий год или ответный визит)…</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Место</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Цели</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Повестка</translation>
    </message>
    <message>
        <source>Talking points</source>
        <translation>Тезисы</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>Итоги</translation>
    </message>
    <message>
        <source>Escort</source>
        <translation>Сопровождающий</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>просрочено</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Выполнено</translation>
    </message>
    <message>
        <source>How it was done</source>
        <translation>Как выполнено</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <source>the visit</source>
        <translation>визит</translation>
    </message>
    <message>
        <source>the meeting</source>
        <translation>встреча</translation>
    </message>
    <message>
        <source>Agreement summary</source>
        <translation>Краткое содержание</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Встречи</translation>
    </message>
    <message>
        <source>Nothing is filed under this topic yet.</source>
        <translation>По этой теме пока ничего нет.</translation>
    </message>
    <message>
        <source>… (%1 in all)</source>
        <translation>… (всего %1)</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>No participants recorded.</source>
        <translation>Участники не указаны.</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Программа</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Встреча</translation>
    </message>
    <message>
        <source>No meetings planned yet.</source>
        <translation>Встречи пока не запланированы.</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Поручения</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Просрочено</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <source>+ Add a member</source>
        <translation>+ Добавить участника</translation>
    </message>
    <message>
        <source>+ Add a meeting</source>
        <translation>+ Добавить встречу</translation>
    </message>
    <message>
        <source>No follow-ups recorded.</source>
        <translation>Поручений нет.</translation>
    </message>
    <message>
        <source>+ Add a follow-up</source>
        <translation>+ Добавить поручение</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>Соглашения</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Соглашение</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Подписано</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>Стороны</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>Прибытие</translation>
    </message>
    <message>
        <source>Departure</source>
        <translation>Отъезд</translation>
    </message>
    <message>
        <source>Lodging</source>
        <translation>Проживание</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Транспорт</translation>
    </message>
    <message>
        <source>Interpreting</source>
        <translation>Устный перевод</translation>
    </message>
    <message>
        <source>Dietary needs</source>
        <translation>Питание</translation>
    </message>
    <message>
        <source>Logistics</source>
        <translation>Логистика</translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation>Подарки</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>Подарок</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Лицо</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Итоги</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
</context>
<context>
    <name>DoneDialog</name>
    <message>
        <source>Mark done</source>
        <translation>Отметить выполненным</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Выполнено</translation>
    </message>
    <message>
        <source>Done &amp;on</source>
        <translation>&amp;Выполнено</translation>
    </message>
    <message>
        <source>How it was done (optional)</source>
        <translation>Как выполнено (необязательно)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Примечание</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>&amp;Выполнено</translation>
    </message>
    <message>
        <source>Type the day it was done, e.g. %1.</source>
        <translation>Укажите день выполнения, например %1.</translation>
    </message>
</context>
<context>
    <name>DraftJobs</name>
    <message>
        <source>No people or institutions were found in this text: there is nothing to draft.</source>
        <translation>В тексте не найдено ни людей, ни организаций: черновик составить не из чего.</translation>
    </message>
    <message>
        <source>Reading the report…</source>
        <translation>Чтение сообщения…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>Отменено: ничего не изменено.</translation>
    </message>
    <message>
        <source>Visit imported from the text: %1 records created, %2 linked to stored ones.</source>
        <translation>Визит импортирован из текста: создано записей — %1, связано с имеющимися — %2.</translation>
    </message>
</context>
<context>
    <name>DraftReviewDialog</name>
    <message>
        <source>New visit from text: review</source>
        <translation>Новый визит из текста: проверка</translation>
    </message>
    <message>
        <source>Discard this draft? Nothing has been written to the database.</source>
        <translation>Отбросить этот черновик? В базу данных ничего не записано.</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>Предложение</translation>
    </message>
    <message>
        <source>On import</source>
        <translation>При импорте</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>Предложения</translation>
    </message>
    <message>
        <source>&amp;Proposals (Space accepts or drops the selected one):</source>
        <translation>&amp;Предложения (пробел принимает или отбрасывает выбранное):</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Импортировать</translation>
    </message>
    <message>
        <source>Write the accepted proposals (Ctrl+Enter)</source>
        <translation>Записать принятые предложения (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Keys: Up/Down choose a proposal, Space or Delete accepts or drops it, Tab edits it, Ctrl+Enter imports, Esc cancels.</source>
        <translation>Клавиши: вверх/вниз — выбрать предложение, пробел или Delete — принять или отбросить, Tab — изменить, Ctrl+Enter — импортировать, Esc — отменить.</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>People (%1)</source>
        <translation>Люди (%1)</translation>
    </message>
    <message>
        <source>Institutions (%1)</source>
        <translation>Организации (%1)</translation>
    </message>
    <message>
        <source>Meetings in order (%1)</source>
        <translation>Встречи по порядку (%1)</translation>
    </message>
    <message>
        <source>Topics (%1)</source>
        <translation>Темы (%1)</translation>
    </message>
    <message>
        <source>Follow-ups (%1)</source>
        <translation>Договорённости (%1)</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>не найдено</translation>
    </message>
    <message>
        <source>add to: %1</source>
        <translation>добавить в: %1</translation>
    </message>
    <message>
        <source>new visit</source>
        <translation>новый визит</translation>
    </message>
    <message>
        <source>existing: %1</source>
        <translation>имеется: %1</translation>
    </message>
    <message>
        <source>new person</source>
        <translation>новый человек</translation>
    </message>
    <message>
        <source>new institution</source>
        <translation>новая организация</translation>
    </message>
    <message>
        <source>recorded already</source>
        <translation>уже внесено</translation>
    </message>
    <message>
        <source>new meeting</source>
        <translation>новая встреча</translation>
    </message>
    <message>
        <source>on the visit already</source>
        <translation>уже есть у визита</translation>
    </message>
    <message>
        <source>new topic of the visit</source>
        <translation>новая тема визита</translation>
    </message>
    <message>
        <source>new follow-up</source>
        <translation>новая договорённость</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>отброшено</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Человек</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Meeting %1</source>
        <translation>Встреча %1</translation>
    </message>
    <message>
        <source>(none named)</source>
        <translation>(никто не назван)</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Договорённость</translation>
    </message>
    <message>
        <source>(no source sentence)</source>
        <translation>(нет исходного предложения)</translation>
    </message>
    <message>
        <source>%1 people (%2 already stored), %3 institutions (%4 already stored), %5 meetings, %6 follow-ups will be imported. Nothing is written until you press Import.</source>
        <translation>Будет импортировано: людей — %1 (уже в базе — %2), организаций — %3 (уже в базе — %4), встреч — %5, договорённостей — %6. Ничего не записывается, пока вы не нажмёте «Импортировать».</translation>
    </message>
    <message>
        <source>The visit needs a title.</source>
        <translation>У визита должно быть название.</translation>
    </message>
    <message>
        <source>A date is not a date: write it as YYYY-MM-DD.</source>
        <translation>Дата указана неверно: пишите её как ГГГГ-ММ-ДД.</translation>
    </message>
    <message>
        <source>The visit ends before it starts.</source>
        <translation>Визит заканчивается раньше, чем начинается.</translation>
    </message>
    <message>
        <source>A person&apos;s name is empty.</source>
        <translation>У человека не указано имя.</translation>
    </message>
    <message>
        <source>Two people have the same name: drop one or rename it.</source>
        <translation>У двух людей одинаковое имя: отбросьте одного или переименуйте.</translation>
    </message>
    <message>
        <source>An institution&apos;s name is empty.</source>
        <translation>У организации не указано название.</translation>
    </message>
    <message>
        <source>A meeting&apos;s title is empty.</source>
        <translation>У встречи не указано название.</translation>
    </message>
    <message>
        <source>A follow-up&apos;s description is empty.</source>
        <translation>У договорённости нет описания.</translation>
    </message>
</context>
<context>
    <name>DraftTextDialog</name>
    <message>
        <source>New visit from text</source>
        <translation>Новый визит из текста</translation>
    </message>
    <message>
        <source>Open a report</source>
        <translation>Открыть сообщение</translation>
    </message>
    <message>
        <source>Reports (*.txt *.md *.markdown *.html *.htm);;All files (*)</source>
        <translation>Сообщения (*.txt *.md *.markdown *.html *.htm);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Paste a news report or memo about a visit (English or Russian), or open one (Ctrl+O). Its people, institutions, meetings and follow-ups are proposed for your review; nothing is written before you import them.</source>
        <translation>Вставьте новостное сообщение или служебную записку о визите (на английском или русском) или откройте файл (Ctrl+O). Найденные в нём люди, организации, встречи и договорённости будут предложены вам на проверку; ничего не записывается, пока вы их не импортируете.</translation>
    </message>
    <message>
        <source>Report text</source>
        <translation>Текст сообщения</translation>
    </message>
    <message>
        <source>The report&apos;s text</source>
        <translation>Текст сообщения</translation>
    </message>
    <message>
        <source>&amp;Open file… (Ctrl+O)</source>
        <translation>&amp;Открыть файл… (Ctrl+O)</translation>
    </message>
    <message>
        <source>&amp;Draft (Ctrl+Enter)</source>
        <translation>&amp;Составить черновик (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Paste the report&apos;s text first, or open a report file.</source>
        <translation>Сначала вставьте текст сообщения или откройте файл.</translation>
    </message>
</context>
<context>
    <name>DraftsOffer</name>
    <message>
        <source>Unsaved edits found</source>
        <translation>Найдены несохранённые правки</translation>
    </message>
    <message>
        <source>Organizer was closed while these edits were not saved. Restore them to go on where you left off, or discard them.</source>
        <translation>Organizer был закрыт, когда эти правки ещё не были сохранены. Восстановите их, чтобы продолжить с того же места, или удалите.</translation>
    </message>
    <message>
        <source>Unsaved edits</source>
        <translation>Несохранённые правки</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Восстановить</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;Позже</translation>
    </message>
    <message>
        <source>Keep them and ask again at the next start</source>
        <translation>Сохранить их и спросить снова при следующем запуске</translation>
    </message>
    <message>
        <source>%1: new record</source>
        <translation>%1: новая запись</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Удаление</translation>
    </message>
    <message numerus="yes">
        <source>Discard %n unsaved edit(s)? This cannot be undone.</source>
        <translation>
            <numerusform>Удалить %n несохранённую правку? Это нельзя отменить.</numerusform>
            <numerusform>Удалить %n несохранённые правки? Это нельзя отменить.</numerusform>
            <numerusform>Удалить %n несохранённых правок? Это нельзя отменить.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicateVisitDialog</name>
    <message>
        <source>Duplicate visit</source>
        <translation>Копия визита</translation>
    </message>
    <message>
        <source>A new planned visit with the same delegations, institutions, topics and programme (meetings, arrival, transfers, meals). Notes, outcomes, follow-ups, agreements, gifts and files are not copied.</source>
        <translation>Новый запланированный визит с теми же делегациями, организациями, темами и программой (встречи, прибытие, переезды, питание). Заметки, итоги, поручения, соглашения, подарки и файлы не копируются.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Название</translation>
    </message>
    <message>
        <source>New start date</source>
        <translation>Новая дата начала</translation>
    </message>
    <message>
        <source>e.g. %1; empty: no dates yet</source>
        <translation>например %1; пусто — без дат</translation>
    </message>
    <message>
        <source>New &amp;start date</source>
        <translation>Новая дата &amp;начала</translation>
    </message>
    <message>
        <source>&amp;Return visit (swap sides)</source>
        <translation>&amp;Ответный визит (стороны меняются местами)</translation>
    </message>
    <message>
        <source>Guests become hosts and hosts guests; an incoming visit becomes outgoing. The place, the logistics and the escorts are left out.</source>
        <translation>Гости становятся принимающей стороной, принимающая сторона — гостями; входящий визит становится исходящим. Место, логистика и сопровождающие не копируются.</translation>
    </message>
    <message>
        <source>Every day keeps its distance from the first day, every meeting its time.</source>
        <translation>Каждый день сохраняет отступ от первого дня, каждая встреча — своё время.</translation>
    </message>
    <message numerus="yes">
        <source>Without a start date the %n programme item(s) are left out: they need a date.</source>
        <translation>
            <numerusform>Без даты начала %n пункт программы не копируется: ему нужна дата.</numerusform>
            <numerusform>Без даты начала %n пункта программы не копируются: им нужна дата.</numerusform>
            <numerusform>Без даты начала %n пунктов программы не копируются: им нужна дата.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Duplicate</source>
        <translation>Создать &amp;копию</translation>
    </message>
    <message>
        <source>Type the first day of the new visit, e.g. %1, or leave it empty.</source>
        <translation>Укажите первый день нового визита, например %1, или оставьте поле пустым.</translation>
    </message>
    <message>
        <source>Give the new visit a title.</source>
        <translation>Укажите название нового визита.</translation>
    </message>
</context>
<context>
    <name>Duplicates</name>
    <message>
        <source>same name in another spelling or script</source>
        <translation>то же имя в другом написании или алфавите</translation>
    </message>
    <message>
        <source>same e-mail %1</source>
        <translation>тот же e-mail %1</translation>
    </message>
    <message>
        <source>same phone number %1</source>
        <translation>тот же номер телефона %1</translation>
    </message>
    <message>
        <source>both at %1</source>
        <translation>оба в организации %1</translation>
    </message>
    <message>
        <source>similar names at %1</source>
        <translation>похожие имена в организации %1</translation>
    </message>
    <message>
        <source>same website %1</source>
        <translation>тот же сайт %1</translation>
    </message>
    <message>
        <source>near-identical names</source>
        <translation>почти одинаковые названия</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Баллы</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>First record</source>
        <translation>Первая запись</translation>
    </message>
    <message>
        <source>Second record</source>
        <translation>Вторая запись</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Почему</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Человек</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Организация</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>Find duplicates</source>
        <translation>Поиск дубликатов</translation>
    </message>
    <message>
        <source>Kind of record</source>
        <translation>Вид записей</translation>
    </message>
    <message>
        <source>People and institutions</source>
        <translation>Люди и организации</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation>Организации</translation>
    </message>
    <message>
        <source>&amp;Look for:</source>
        <translation>&amp;Искать:</translation>
    </message>
    <message>
        <source>Searching</source>
        <translation>Идёт поиск</translation>
    </message>
    <message>
        <source>Likely duplicates</source>
        <translation>Вероятные дубликаты</translation>
    </message>
    <message>
        <source>First record</source>
        <translation>Первая запись</translation>
    </message>
    <message>
        <source>Second record</source>
        <translation>Вторая запись</translation>
    </message>
    <message>
        <source>Keep &amp;left, merge the right into it</source>
        <translation>Оставить &amp;левую, влить в неё правую</translation>
    </message>
    <message>
        <source>Keep &amp;right, merge the left into it</source>
        <translation>Оставить &amp;правую, влить в неё левую</translation>
    </message>
    <message>
        <source>&amp;Skip</source>
        <translation>Пр&amp;опустить</translation>
    </message>
    <message>
        <source>Hide this pair until the list is searched again</source>
        <translation>Скрыть эту пару до следующего поиска</translation>
    </message>
    <message>
        <source>A merge moves everything of the other record to the one kept. Undo (Ctrl+Z) brings both back as they were.</source>
        <translation>При слиянии всё из второй записи переносится в оставленную. Отмена (Ctrl+Z) возвращает обе записи как были.</translation>
    </message>
    <message>
        <source>Looking for likely duplicates…</source>
        <translation>Поиск вероятных дубликатов…</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>Поиск не удался: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n likely duplicate pair(s)</source>
        <translation>
            <numerusform>%n вероятная пара дубликатов</numerusform>
            <numerusform>%n вероятные пары дубликатов</numerusform>
            <numerusform>%n вероятных пар дубликатов</numerusform>
        </translation>
    </message>
    <message>
        <source>No likely duplicates found.</source>
        <translation>Вероятных дубликатов не найдено.</translation>
    </message>
    <message>
        <source>Select a pair to compare the two records.</source>
        <translation>Выберите пару, чтобы сравнить две записи.</translation>
    </message>
    <message>
        <source>Merge “%1” into “%2”</source>
        <translation>Слияние: «%1» в «%2»</translation>
    </message>
</context>
<context>
    <name>EditorDialog</name>
    <message>
        <source>F&amp;iles</source>
        <translation>&amp;Файлы</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <source>Save your changes before closing?</source>
        <translation>Сохранить изменения перед закрытием?</translation>
    </message>
    <message>
        <source>This record was changed since the draft was kept: the fields you had not changed show the stored values now.</source>
        <translation>Запись изменилась после сохранения черновика: поля, которые вы не меняли, показывают сохранённые сейчас значения.</translation>
    </message>
    <message>
        <source>is not a valid date or time</source>
        <translation>это не дата или время</translation>
    </message>
    <message>
        <source>row %1</source>
        <translation>строка %1</translation>
    </message>
    <message>
        <source>Lang&amp;uages</source>
        <translation>Я&amp;зыки</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>Варианты</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Given name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Отображаемое имя</translation>
    </message>
    <message>
        <source>Honorific</source>
        <translation>Звание</translation>
    </message>
    <message>
        <source>Form of address</source>
        <translation>Обращение</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>Краткое название</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Фотография</translation>
    </message>
    <message>
        <source>Biography</source>
        <translation>Биография</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>Должности</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>Стороны</translation>
    </message>
    <message>
        <source>Signatories</source>
        <translation>Подписанты</translation>
    </message>
    <message>
        <source>Signing place</source>
        <translation>Место подписания</translation>
    </message>
    <message>
        <source>Desired outcomes</source>
        <translation>Желаемые результаты</translation>
    </message>
    <message>
        <source>Key messages</source>
        <translation>Ключевые тезисы</translation>
    </message>
    <message>
        <source>Sensitivities</source>
        <translation>Деликатные вопросы</translation>
    </message>
    <message>
        <source>Escort</source>
        <translation>Сопровождающий</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>Письменность</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Пометка</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <source>Position title</source>
        <translation>Должность</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Текущая</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Сторона</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Человек</translation>
    </message>
    <message>
        <source>Part of</source>
        <translation>Входит в</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Отчество</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Пол</translation>
    </message>
    <message>
        <source>Names in other scripts</source>
        <translation>Написания имени</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Языки</translation>
    </message>
    <message>
        <source>Dietary needs</source>
        <translation>Питание</translation>
    </message>
    <message>
        <source>Interpreter needs</source>
        <translation>Нужен переводчик</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Темы</translation>
    </message>
    <message>
        <source>Photo type</source>
        <translation>Тип фотографии</translation>
    </message>
    <message>
        <source>Identifier (uid)</source>
        <translation>Идентификатор (uid)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Профиль</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Направление</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Дата начала</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>Дата окончания</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Итоги</translation>
    </message>
    <message>
        <source>Agreement summary</source>
        <translation>Краткое содержание</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Выполнено</translation>
    </message>
    <message>
        <source>Completion note</source>
        <translation>Как выполнено</translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation>Организации</translation>
    </message>
    <message>
        <source>Logistics</source>
        <translation>Логистика</translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation>Подарки</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Помещение</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Цели</translation>
    </message>
    <message>
        <source>Talking points</source>
        <translation>Тезисы</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Повестка</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>Итоги</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Owning institution</source>
        <translation>Ответственная организация</translation>
    </message>
    <message>
        <source>Signing date</source>
        <translation>Дата подписания</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Место</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Место проведения</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Цель</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>Order of precedence</source>
        <translation>Порядок старшинства</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Встреча</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Сайт</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Город</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Страна</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Arrival details</source>
        <translation>Подробности прибытия</translation>
    </message>
    <message>
        <source>Departure</source>
        <translation>Отъезд</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>Прибытие</translation>
    </message>
    <message>
        <source>Departure details</source>
        <translation>Подробности отъезда</translation>
    </message>
    <message>
        <source>Lodging</source>
        <translation>Проживание</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Транспорт</translation>
    </message>
    <message>
        <source>Academic title</source>
        <translation>Учёное звание</translation>
    </message>
    <message>
        <source>Language variants</source>
        <translation>Варианты на других языках</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Filter</source>
        <translation>Фильтр</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Сбросить</translation>
    </message>
    <message>
        <source>Show everything again</source>
        <translation>Снова показать всё</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Метка</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>Любая метка</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Any institution</source>
        <translation>Любая организация</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <source>Any owner</source>
        <translation>Любой ответственный</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Any visit</source>
        <translation>Любой визит</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>any date</source>
        <translation>любая дата</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>С даты</translation>
    </message>
    <message>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>По дату</translation>
    </message>
</context>
<context>
    <name>FollowUpEditor</name>
    <message>
        <source>New follow-up</source>
        <translation>Новое поручение</translation>
    </message>
    <message>
        <source>Edit follow-up</source>
        <translation>Изменить поручение</translation>
    </message>
    <message>
        <source>&amp;Follow-up</source>
        <translation>&amp;Поручение</translation>
    </message>
    <message>
        <source>What is to be done</source>
        <translation>Что сделать</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <source>Owning institution</source>
        <translation>Ответственная организация</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Встреча</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Выполнено</translation>
    </message>
    <message>
        <source>How it was done</source>
        <translation>Как выполнено</translation>
    </message>
</context>
<context>
    <name>FollowUpStatus</name>
    <message>
        <source>Open</source>
        <translation>Открыто</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Выполнено</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Снято</translation>
    </message>
</context>
<context>
    <name>FollowUpsTab</name>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Встреча</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Выполнено</translation>
    </message>
    <message>
        <source>Filter by what is to be done…</source>
        <translation>Фильтр по содержанию…</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Любой статус</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>&amp;Выполнено</translation>
    </message>
    <message>
        <source>Mark the selected follow-up done (Ctrl+D)</source>
        <translation>Отметить выбранное поручение выполненным (Ctrl+D)</translation>
    </message>
    <message>
        <source>Select a follow-up to see its notes.</source>
        <translation>Выберите поручение, чтобы увидеть заметки к нему.</translation>
    </message>
    <message>
        <source>No follow-up matches the filter. Clear it to see them all.</source>
        <translation>Ни одно поручение не подходит под фильтр. Сбросьте его, чтобы увидеть все.</translation>
    </message>
    <message>
        <source>No open follow-ups: everything agreed has been done. Choose “Any status” to see them all.</source>
        <translation>Открытых поручений нет: всё согласованное выполнено. Выберите «Любой статус», чтобы увидеть все.</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Просрочено</translation>
    </message>
    <message>
        <source>Marked done.</source>
        <translation>Отмечено как выполненное.</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>until %1</source>
        <translation>до %1</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>с %1</translation>
    </message>
    <message>
        <source>(time not set)</source>
        <translation>(время не указано)</translation>
    </message>
</context>
<context>
    <name>Gender</name>
    <message>
        <source>Not specified</source>
        <translation>Не указан</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Женский</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Мужской</translation>
    </message>
</context>
<context>
    <name>GiftDirection</name>
    <message>
        <source>Given</source>
        <translation>Подарено</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Получено</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>files</source>
        <translation>файлы</translation>
    </message>
    <message>
        <source>changed %1</source>
        <translation>изменено: %1</translation>
    </message>
    <message>
        <source>merged “%1” (record %2, uid %3) into this one</source>
        <translation>объединено с «%1» (запись %2, uid %3)</translation>
    </message>
    <message>
        <source>merged record %1 into this one</source>
        <translation>запись %1 объединена с этой</translation>
    </message>
    <message>
        <source>undid the merge of record %1</source>
        <translation>отменено объединение с записью %1</translation>
    </message>
    <message>
        <source>split off again from record %1</source>
        <translation>снова отделена от записи %1</translation>
    </message>
    <message>
        <source>created by an archive import</source>
        <translation>создано импортом архива</translation>
    </message>
    <message>
        <source>created</source>
        <translation>создано</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>удалено</translation>
    </message>
    <message>
        <source>erased the personal data</source>
        <translation>персональные данные стёрты</translation>
    </message>
    <message>
        <source>(as record %1, merged into this one)</source>
        <translation>(как запись %1, объединённая с этой)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>No changes recorded yet.</source>
        <translation>Изменения ещё не записывались.</translation>
    </message>
    <message>
        <source>unknown user</source>
        <translation>неизвестный пользователь</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <source>%1 earlier changes: organizer history %2 %3</source>
        <translation>Более ранних изменений: %1 (organizer history %2 %3)</translation>
    </message>
</context>
<context>
    <name>InstitutionEditor</name>
    <message>
        <source>New institution</source>
        <translation>Новая организация</translation>
    </message>
    <message>
        <source>Edit institution</source>
        <translation>Изменить организацию</translation>
    </message>
    <message>
        <source>&amp;Institution</source>
        <translation>&amp;Организация</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>Краткое название</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Part of</source>
        <translation>Входит в</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Страна</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Город</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Сайт</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Профиль</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Профиль</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Темы</translation>
    </message>
    <message>
        <source>Name in other languages</source>
        <translation>Название на других языках</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>Письменность</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
</context>
<context>
    <name>InstitutionKind</name>
    <message>
        <source>University</source>
        <translation>Университет</translation>
    </message>
    <message>
        <source>Institute</source>
        <translation>Институт</translation>
    </message>
    <message>
        <source>Faculty</source>
        <translation>Факультет</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Отдел</translation>
    </message>
    <message>
        <source>Laboratory</source>
        <translation>Лаборатория</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <source>Government body</source>
        <translation>Государственный орган</translation>
    </message>
    <message>
        <source>Academy</source>
        <translation>Академия</translation>
    </message>
    <message>
        <source>Technopark</source>
        <translation>Технопарк</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>Центр</translation>
    </message>
    <message>
        <source>Embassy</source>
        <translation>Посольство</translation>
    </message>
    <message>
        <source>Association</source>
        <translation>Ассоциация</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
</context>
<context>
    <name>InstitutionTreeModel</name>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Место</translation>
    </message>
</context>
<context>
    <name>InstitutionsTab</name>
    <message>
        <source>Filter by name…</source>
        <translation>Фильтр по названию…</translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation>Организации</translation>
    </message>
    <message>
        <source>Select an institution to see its profile, units, people and visits.</source>
        <translation>Выберите организацию, чтобы увидеть её профиль, подразделения, людей и визиты.</translation>
    </message>
    <message>
        <source>No institution matches the filter. Clear it to see them all.</source>
        <translation>Ни одна организация не подходит под фильтр. Сбросьте его, чтобы увидеть все.</translation>
    </message>
</context>
<context>
    <name>InteropJobs</name>
    <message>
        <source>Files Organizer imports (*.json *.vcf *.vcard *.csv *.txt *.tsv *.xlsx *.ics);;All files (*)</source>
        <translation>Файлы, которые импортирует Organizer (*.json *.vcf *.vcard *.csv *.txt *.tsv *.xlsx *.ics);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Contact sheets (*.csv *.txt *.tsv *.xlsx);;All files (*)</source>
        <translation>Таблицы контактов (*.csv *.txt *.tsv *.xlsx);;Все файлы (*)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV, UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>iCalendar (*.ics)</source>
        <translation>iCalendar (*.ics)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Импорт</translation>
    </message>
    <message>
        <source>Choose one CSV or Excel file at a time: each gets its own column mapping.</source>
        <translation>Выбирайте по одному файлу CSV или Excel: для каждого задаётся своё соответствие столбцов.</translation>
    </message>
    <message>
        <source>Select the visit the calendar&apos;s events belong to in Visits first, then import one calendar file.</source>
        <translation>Сначала выберите во вкладке «Визиты» визит, к которому относятся события календаря, затем импортируйте один файл календаря.</translation>
    </message>
    <message>
        <source>Choose one calendar file at a time.</source>
        <translation>Выбирайте по одному файлу календаря.</translation>
    </message>
    <message>
        <source>Choose one Organizer archive at a time.</source>
        <translation>Выбирайте по одному архиву Organizer.</translation>
    </message>
    <message>
        <source>%1 is not a file Organizer imports (an Organizer archive, vCard, CSV, Excel or iCalendar file).</source>
        <translation>%1 — не файл, который импортирует Organizer (архив Organizer, vCard, CSV, Excel или iCalendar).</translation>
    </message>
    <message>
        <source>Choose files of one kind: archives, vCards, contact sheets and calendars are imported apart.</source>
        <translation>Выберите файлы одного вида: архивы, vCard, таблицы контактов и календари импортируются отдельно.</translation>
    </message>
    <message>
        <source>Import contacts from CSV or Excel</source>
        <translation>Импорт контактов из CSV или Excel</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>Отменено: ничего не изменено.</translation>
    </message>
    <message>
        <source>No column is imported: nothing was changed.</source>
        <translation>Ни один столбец не выбран для импорта: ничего не изменено.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Чтение %1…</translation>
    </message>
    <message>
        <source>%1 people will be created, %2 updated and %3 skipped (nothing new); %4 institutions will be created.</source>
        <translation>Людей будет создано: %1, обновлено: %2, пропущено (нет нового): %3; организаций будет создано: %4.</translation>
    </message>
    <message>
        <source>%1 values will be left out, for example:</source>
        <translation>Значений не будет импортировано: %1, например:</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Импорт %1…</translation>
    </message>
    <message>
        <source>Contact import finished: %1 people created, %2 updated, %3 skipped.</source>
        <translation>Импорт контактов завершён: людей создано: %1, обновлено: %2, пропущено: %3.</translation>
    </message>
    <message>
        <source>Import calendar into the visit</source>
        <translation>Импорт календаря в визит</translation>
    </message>
    <message>
        <source>%1 meetings will be created, %2 updated and %3 skipped (nothing new).</source>
        <translation>Встреч будет создано: %1, обновлено: %2, пропущено (нет нового): %3.</translation>
    </message>
    <message>
        <source>Calendar import finished: %1 meetings created, %2 updated, %3 skipped.</source>
        <translation>Импорт календаря завершён: встреч создано: %1, обновлено: %2, пропущено: %3.</translation>
    </message>
    <message>
        <source>Export list</source>
        <translation>Экспорт списка</translation>
    </message>
    <message>
        <source>All visits</source>
        <translation>Все визиты</translation>
    </message>
    <message>
        <source>The selected visit&apos;s delegation</source>
        <translation>Состав делегации выбранного визита</translation>
    </message>
    <message>
        <source>The selected visit&apos;s programme</source>
        <translation>Программа выбранного визита</translation>
    </message>
    <message>
        <source>The selected visit&apos;s follow-ups</source>
        <translation>Поручения по выбранному визиту</translation>
    </message>
    <message>
        <source>Which list:</source>
        <translation>Какой список:</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Экспорт в %1…</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2.</source>
        <translation>Строк экспортировано: %1, файл %2.</translation>
    </message>
    <message>
        <source>Export visit schedule</source>
        <translation>Экспорт программы визита</translation>
    </message>
    <message>
        <source>Exported %1 events and %2 due dates to %3 (time zone %4).</source>
        <translation>Экспортировано событий: %1, сроков: %2, файл %3 (часовой пояс %4).</translation>
    </message>
</context>
<context>
    <name>LettersDialog</name>
    <message>
        <source>Thank-you letters</source>
        <translation>Благодарственные письма</translation>
    </message>
    <message>
        <source>&amp;Recipients:</source>
        <translation>&amp;Получатели:</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Получатели</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Американский (216 × 279 мм)</translation>
    </message>
    <message>
        <source>&amp;Signed by:</source>
        <translation>&amp;Подписывает:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>blank: filled in by hand</source>
        <translation>пусто: впишут от руки</translation>
    </message>
    <message>
        <source>Word (.docx), editable</source>
        <translation>Word (.docx), для правки</translation>
    </message>
    <message>
        <source>&amp;Paper:</source>
        <translation>&amp;Бумага:</translation>
    </message>
    <message>
        <source>Outgoing &amp;number:</source>
        <translation>Исходящий &amp;номер:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Формат:</translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation>&amp;Просмотр</translation>
    </message>
    <message>
        <source>Save &amp;all…</source>
        <translation>Сохранить &amp;все…</translation>
    </message>
    <message>
        <source>The office (no one signs by name)</source>
        <translation>Организация (без подписи лица)</translation>
    </message>
    <message>
        <source>our side</source>
        <translation>наша сторона</translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s) to write.</source>
        <translation>
            <numerusform>Будет написано %n письмо.</numerusform>
            <numerusform>Будет написано %n письма.</numerusform>
            <numerusform>Будет написано %n писем.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick at least one recipient.</source>
        <translation>Отметьте хотя бы одного получателя.</translation>
    </message>
    <message>
        <source>Save the letters in</source>
        <translation>Сохранить письма в папку</translation>
    </message>
    <message>
        <source>Writing the letters…</source>
        <translation>Письма записываются…</translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s) saved in %1.</source>
        <translation>
            <numerusform>%n письмо сохранено в %1.</numerusform>
            <numerusform>%n письма сохранены в %1.</numerusform>
            <numerusform>%n писем сохранено в %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not write the letters: %1</source>
        <translation>Не удалось записать письма: %1</translation>
    </message>
</context>
<context>
    <name>ListTab</name>
    <message>
        <source>List</source>
        <translation>Список</translation>
    </message>
    <message>
        <source>That record is no longer there.</source>
        <translation>Этой записи больше нет.</translation>
    </message>
    <message>
        <source>Nobody matches the filter. Clear it to see everyone.</source>
        <translation>Никто не подходит под фильтр. Сбросьте его, чтобы увидеть всех.</translation>
    </message>
    <message>
        <source>No visit matches the filter. Clear it to see them all.</source>
        <translation>Ни один визит не подходит под фильтр. Сбросьте его, чтобы увидеть все.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Version %1</source>
        <translation>Версия %1</translation>
    </message>
    <message>
        <source>Prepare and record official delegation visits: people, institutions, visits, meetings, follow-ups and briefings.</source>
        <translation>Подготовка и учёт официальных визитов делегаций: люди, организации, визиты, встречи, поручения и справочные материалы.</translation>
    </message>
    <message>
        <source>Licensed under the GNU General Public License, version 3 or later.</source>
        <translation>Распространяется на условиях GNU General Public License версии 3 или более поздней.</translation>
    </message>
    <message>
        <source>&amp;People</source>
        <translation>&amp;Люди</translation>
    </message>
    <message>
        <source>&amp;Institutions</source>
        <translation>&amp;Организации</translation>
    </message>
    <message>
        <source>Vi&amp;sits</source>
        <translation>Ви&amp;зиты</translation>
    </message>
    <message>
        <source>F&amp;ollow-ups</source>
        <translation>&amp;Поручения</translation>
    </message>
    <message>
        <source>%1: list</source>
        <translation>%1: список</translation>
    </message>
    <message>
        <source>%1: details</source>
        <translation>%1: подробности</translation>
    </message>
    <message>
        <source>Record lists</source>
        <translation>Списки записей</translation>
    </message>
    <message>
        <source>Record counts</source>
        <translation>Количество записей</translation>
    </message>
    <message>
        <source>&amp;Meetings</source>
        <translation>&amp;Встречи</translation>
    </message>
    <message>
        <source>&amp;Agreements</source>
        <translation>Со&amp;глашения</translation>
    </message>
    <message>
        <source>&amp;Topics</source>
        <translation>&amp;Темы</translation>
    </message>
    <message>
        <source>&amp;Quick open…</source>
        <translation>&amp;Быстрый переход…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Briefing…</source>
        <translation>Справочные &amp;материалы…</translation>
    </message>
    <message>
        <source>&amp;Dossier…</source>
        <translation>&amp;Досье…</translation>
    </message>
    <message>
        <source>Ne&amp;w visit from text…</source>
        <translation>Новый визит из &amp;текста…</translation>
    </message>
    <message>
        <source>I&amp;mport…</source>
        <translation>Импорт &amp;файлов…</translation>
    </message>
    <message>
        <source>&amp;Import archive…</source>
        <translation>&amp;Импорт архива…</translation>
    </message>
    <message>
        <source>&amp;Export archive…</source>
        <translation>&amp;Экспорт архива…</translation>
    </message>
    <message>
        <source>Import c&amp;alendar (.ics) into the visit…</source>
        <translation>Импорт к&amp;алендаря (.ics) в визит…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Об&amp;новить</translation>
    </message>
    <message>
        <source>Main Tool Bar</source>
        <translation>Основная панель инструментов</translation>
    </message>
    <message>
        <source>No automatic backup was made today: %1</source>
        <translation>Сегодня автоматическая резервная копия не создана: %1</translation>
    </message>
    <message>
        <source>Pro&amp;gramme</source>
        <translation>П&amp;рограмма</translation>
    </message>
    <message>
        <source>&amp;Thank-you letters…</source>
        <translation>&amp;Благодарственные письма…</translation>
    </message>
    <message>
        <source>Paste or open a report of a visit; review what it proposes, then import it</source>
        <translation>Вставьте или откройте сообщение о визите, проверьте предложенное и импортируйте</translation>
    </message>
    <message>
        <source>Import &amp;vCards…</source>
        <translation>Импорт &amp;vCard…</translation>
    </message>
    <message>
        <source>Import contacts from CSV or E&amp;xcel…</source>
        <translation>Импорт контактов из CSV или E&amp;xcel…</translation>
    </message>
    <message>
        <source>Export &amp;list to CSV or Excel…</source>
        <translation>Экспорт спис&amp;ка в CSV или Excel…</translation>
    </message>
    <message>
        <source>Export visit &amp;schedule (.ics)…</source>
        <translation>Экспорт &amp;расписания визита (.ics)…</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Инструменты</translation>
    </message>
    <message>
        <source>Find &amp;duplicates…</source>
        <translation>Найти &amp;дубликаты…</translation>
    </message>
    <message>
        <source>People and institutions that may be recorded twice; merge them</source>
        <translation>Люди и организации, которые могли быть внесены дважды; их можно слить</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About Organizer</source>
        <translation>&amp;О программе Organizer</translation>
    </message>
    <message>
        <source>Reloaded.</source>
        <translation>Обновлено.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln person(s)</source>
        <translation>
            <numerusform>%Ln человек</numerusform>
            <numerusform>%Ln человека</numerusform>
            <numerusform>%Ln человек</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln institution(s)</source>
        <translation>
            <numerusform>%Ln организация</numerusform>
            <numerusform>%Ln организации</numerusform>
            <numerusform>%Ln организаций</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln visit(s)</source>
        <translation>
            <numerusform>%Ln визит</numerusform>
            <numerusform>%Ln визита</numerusform>
            <numerusform>%Ln визитов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln meeting(s)</source>
        <translation>
            <numerusform>%Ln встреча</numerusform>
            <numerusform>%Ln встречи</numerusform>
            <numerusform>%Ln встреч</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln follow-up(s)</source>
        <translation>
            <numerusform>%Ln поручение</numerusform>
            <numerusform>%Ln поручения</numerusform>
            <numerusform>%Ln поручений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln open)</source>
        <translation>
            <numerusform>(открыто: %Ln)</numerusform>
            <numerusform>(открыто: %Ln)</numerusform>
            <numerusform>(открыто: %Ln)</numerusform>
        </translation>
    </message>
    <message>
        <source>This list cannot be exported; choose People, Institutions, Visits, Meetings or Follow-ups.</source>
        <translation>Этот список не экспортируется; выберите Люди, Организации, Визиты, Встречи или Поручения.</translation>
    </message>
    <message>
        <source>Select a visit first.</source>
        <translation>Сначала выберите визит.</translation>
    </message>
    <message>
        <source>Select a person or an institution first.</source>
        <translation>Сначала выберите человека или организацию.</translation>
    </message>
    <message>
        <source>About Organizer</source>
        <translation>О программе Organizer</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Show the window in the new language now? This clears the undo history of this session; otherwise the new language is used when you start Organizer again.</source>
        <translation>Показать окно на новом языке сейчас? История отмены этого сеанса будет очищена; иначе новый язык будет использован при следующем запуске Organizer.</translation>
    </message>
    <message>
        <source>The new language will be used when you start Organizer again.</source>
        <translation>Новый язык будет использован при следующем запуске Organizer.</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>Import %1: columns</source>
        <translation>Импорт %1: столбцы</translation>
    </message>
    <message>
        <source>Google Contacts</source>
        <translation>Google Контакты</translation>
    </message>
    <message>
        <source>Outlook</source>
        <translation>Outlook</translation>
    </message>
    <message>
        <source>recognised by their names</source>
        <translation>распознаны по названиям</translation>
    </message>
    <message>
        <source>%1 rows. Columns: %2. Choose what each column holds:</source>
        <translation>Строк: %1. Столбцы: %2. Выберите, что содержит каждый столбец:</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <source>Imported as</source>
        <translation>Импортировать как</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>Первые значения</translation>
    </message>
    <message>
        <source>Field for column %1</source>
        <translation>Поле для столбца %1</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>(не импортировать)</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Отчество</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <source>Full name (given name first)</source>
        <translation>Полное имя (сначала имя)</translation>
    </message>
    <message>
        <source>Full name (family name first)</source>
        <translation>ФИО (сначала фамилия)</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Отображаемое имя</translation>
    </message>
    <message>
        <source>Honorific</source>
        <translation>Обращение</translation>
    </message>
    <message>
        <source>Name suffix</source>
        <translation>Суффикс имени</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>Псевдоним</translation>
    </message>
    <message>
        <source>Name in another script</source>
        <translation>Имя в другой письменности</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>E-mail (work)</source>
        <translation>Эл. почта (рабочая)</translation>
    </message>
    <message>
        <source>E-mail (home)</source>
        <translation>Эл. почта (личная)</translation>
    </message>
    <message>
        <source>E-mail label</source>
        <translation>Метка эл. почты</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Phone (work)</source>
        <translation>Телефон (рабочий)</translation>
    </message>
    <message>
        <source>Phone (mobile)</source>
        <translation>Телефон (мобильный)</translation>
    </message>
    <message>
        <source>Phone (home)</source>
        <translation>Телефон (домашний)</translation>
    </message>
    <message>
        <source>Phone label</source>
        <translation>Метка телефона</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Подразделение</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Должность</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Web page</source>
        <translation>Веб-страница</translation>
    </message>
    <message>
        <source>Identifier (uid)</source>
        <translation>Идентификатор (uid)</translation>
    </message>
</context>
<context>
    <name>MasterDetailTab</name>
    <message>
        <source>Add person…</source>
        <translation>Добавить человека…</translation>
    </message>
    <message>
        <source>Add institution…</source>
        <translation>Добавить организацию…</translation>
    </message>
    <message>
        <source>Add visit…</source>
        <translation>Добавить визит…</translation>
    </message>
    <message>
        <source>Add meeting…</source>
        <translation>Добавить встречу…</translation>
    </message>
    <message>
        <source>Add follow-up…</source>
        <translation>Добавить поручение…</translation>
    </message>
    <message>
        <source>Add agreement…</source>
        <translation>Добавить соглашение…</translation>
    </message>
    <message>
        <source>Add programme item…</source>
        <translation>Добавить пункт программы…</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>Select an item to see its details.</source>
        <translation>Выберите запись, чтобы увидеть подробности.</translation>
    </message>
    <message>
        <source>Nothing here yet.</source>
        <translation>Здесь пока ничего нет.</translation>
    </message>
    <message>
        <source>That record is no longer there (press F5 to reload).</source>
        <translation>Этой записи больше нет (нажмите F5, чтобы обновить).</translation>
    </message>
    <message>
        <source>%1 (press F5 to reload)</source>
        <translation>%1 (нажмите F5, чтобы обновить)</translation>
    </message>
    <message>
        <source>Select a person to see their positions and the visits they took part in.</source>
        <translation>Выберите человека, чтобы увидеть его должности и визиты, в которых он участвовал.</translation>
    </message>
    <message>
        <source>No people yet: add the people you receive and visit, with their positions.</source>
        <translation>Людей пока нет: добавьте тех, кого вы принимаете и у кого бываете, с их должностями.</translation>
    </message>
    <message>
        <source>No institutions yet: add the ministries, companies and universities you work with.</source>
        <translation>Организаций пока нет: добавьте министерства, компании и университеты, с которыми вы работаете.</translation>
    </message>
    <message>
        <source>No visits yet: add one to plan its delegations, programme and logistics.</source>
        <translation>Визитов пока нет: добавьте визит, чтобы спланировать делегации, программу и логистику.</translation>
    </message>
    <message>
        <source>Select a visit to see its participants, programme and follow-ups.</source>
        <translation>Выберите визит, чтобы увидеть участников, программу и поручения.</translation>
    </message>
    <message>
        <source>No follow-ups yet: add one here or from a visit&apos;s meetings.</source>
        <translation>Поручений пока нет: добавьте поручение здесь или из встреч визита.</translation>
    </message>
</context>
<context>
    <name>MeetingEditor</name>
    <message>
        <source>New meeting</source>
        <translation>Новая встреча</translation>
    </message>
    <message>
        <source>Edit meeting</source>
        <translation>Изменить встречу</translation>
    </message>
    <message>
        <source>&amp;Meeting</source>
        <translation>&amp;Встреча</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Место</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Помещение</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Темы</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Человек</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Сторона</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Attends</source>
        <translation>Участвует</translation>
    </message>
    <message>
        <source>&amp;All attend</source>
        <translation>&amp;Участвуют все</translation>
    </message>
    <message>
        <source>Tick every participant of the list</source>
        <translation>Отметить всех участников списка</translation>
    </message>
    <message>
        <source>&amp;Preparation</source>
        <translation>&amp;Подготовка</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Цели</translation>
    </message>
    <message>
        <source>Talking points</source>
        <translation>Тезисы</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Повестка</translation>
    </message>
    <message>
        <source>&amp;Notes and outcomes</source>
        <translation>&amp;Заметки и итоги</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>Plain text or Markdown, saved as typed</source>
        <translation>Обычный текст или Markdown, сохраняется как введён</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>Итоги</translation>
    </message>
</context>
<context>
    <name>MeetingKind</name>
    <message>
        <source>Meeting</source>
        <translation>Встреча</translation>
    </message>
    <message>
        <source>Lab tour</source>
        <translation>Осмотр лаборатории</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>Презентация</translation>
    </message>
    <message>
        <source>Signing</source>
        <translation>Подписание</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>Приём</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>Экскурсия</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
</context>
<context>
    <name>MeetingsTab</name>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Встреча</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Место</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>Filter by title…</source>
        <translation>Фильтр по названию…</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>Любой вид</translation>
    </message>
    <message>
        <source>Select a meeting to see its participants, notes and outcomes.</source>
        <translation>Выберите встречу, чтобы увидеть участников, заметки и итоги.</translation>
    </message>
    <message>
        <source>No meeting matches the filter. Clear it to see them all.</source>
        <translation>Ни одна встреча не подходит под фильтр. Сбросьте его, чтобы увидеть все.</translation>
    </message>
    <message>
        <source>No meetings yet: add one here or in the programme of a visit.</source>
        <translation>Встреч пока нет: добавьте встречу здесь или в программе визита.</translation>
    </message>
</context>
<context>
    <name>NewPersonForm</name>
    <message>
        <source>New person</source>
        <translation>Новый человек</translation>
    </message>
    <message>
        <source>Given name and family name, or «Family Given Patronymic»</source>
        <translation>Имя и фамилия или «Фамилия Имя Отчество»</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;ФИО</translation>
    </message>
    <message>
        <source>&amp;Position</source>
        <translation>&amp;Должность</translation>
    </message>
    <message>
        <source>&amp;Institution</source>
        <translation>&amp;Организация</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Создать</translation>
    </message>
    <message>
        <source>Choose the institution of the position, or leave the position empty.</source>
        <translation>Выберите организацию для должности или оставьте должность пустой.</translation>
    </message>
</context>
<context>
    <name>ParticipantRole</name>
    <message>
        <source>Head of delegation</source>
        <translation>Глава делегации</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Член делегации</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Переводчик</translation>
    </message>
    <message>
        <source>Host lead</source>
        <translation>Глава принимающей стороны</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Принимающий</translation>
    </message>
    <message>
        <source>Presenter</source>
        <translation>Докладчик</translation>
    </message>
    <message>
        <source>Escort</source>
        <translation>Сопровождающий</translation>
    </message>
</context>
<context>
    <name>PasteDialog</name>
    <message>
        <source>Paste people from a table</source>
        <translation>Вставка людей из таблицы</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>Гости</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>Принимающая сторона</translation>
    </message>
    <message>
        <source>They join</source>
        <translation>Добавить к стороне</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Должность</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Will be</source>
        <translation>Что будет</translation>
    </message>
    <message>
        <source>found: %1</source>
        <translation>найден: %1</translation>
    </message>
    <message>
        <source>new person</source>
        <translation>новый человек</translation>
    </message>
    <message>
        <source>%1 rows: %2 found among the people stored, %3 new. Nothing is written until you confirm.</source>
        <translation>Строк: %1; найдено среди сохранённых людей: %2, новых: %3. Ничего не записывается, пока вы не подтвердите.</translation>
    </message>
    <message>
        <source>Add %1 people</source>
        <translation>Добавить людей: %1</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Preview — %1</source>
        <translation>Просмотр — %1</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Сохранить как…</translation>
    </message>
    <message>
        <source>Save as .&amp;docx…</source>
        <translation>Сохранить как .&amp;docx…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Печать…</translation>
    </message>
    <message>
        <source>&amp;Open in system viewer</source>
        <translation>&amp;Открыть в программе просмотра</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Увеличить</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>У&amp;меньшить</translation>
    </message>
    <message>
        <source>&amp;Fit width</source>
        <translation>По &amp;ширине</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n страница</numerusform>
            <numerusform>%n страницы</numerusform>
            <numerusform>%n страниц</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Не удалось сохранить</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>Сохранить PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Документы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save as .docx</source>
        <translation>Сохранить как .docx</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Документы Word (*.docx)</translation>
    </message>
    <message>
        <source>Cannot print</source>
        <translation>Не удалось напечатать</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>Не удалось запустить печать.</translation>
    </message>
    <message>
        <source>No PDF viewer</source>
        <translation>Нет программы просмотра PDF</translation>
    </message>
    <message>
        <source>No program to open PDF files was found. The file is at %1</source>
        <translation>Не найдена программа для открытия PDF. Файл сохранён: %1</translation>
    </message>
</context>
<context>
    <name>PeopleTab</name>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Должность</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <source>Filter by name (any script)…</source>
        <translation>Фильтр по имени на любом языке…</translation>
    </message>
</context>
<context>
    <name>PersonEditor</name>
    <message>
        <source>New person</source>
        <translation>Новый человек</translation>
    </message>
    <message>
        <source>Edit person</source>
        <translation>Изменить данные человека</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Имя</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Отчество</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Имя для показа</translation>
    </message>
    <message>
        <source>Only if the name parts cannot express it</source>
        <translation>Только если части имени не подходят</translation>
    </message>
    <message>
        <source>Honorific</source>
        <translation>Звание</translation>
    </message>
    <message>
        <source>Prof., His Excellency</source>
        <translation>проф., Его Превосходительство</translation>
    </message>
    <message>
        <source>Form of address</source>
        <translation>Обращение</translation>
    </message>
    <message>
        <source>Dear Rector</source>
        <translation>Уважаемый ректор</translation>
    </message>
    <message>
        <source>Name in other scripts</source>
        <translation>Имя в других письменностях</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>Письменность</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>&amp;Positions</source>
        <translation>&amp;Должности</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>Должности</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Должность</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>По</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Текущая</translation>
    </message>
    <message>
        <source>New &amp;institution…</source>
        <translation>Новая &amp;организация…</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>&amp;Контакты</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Пометка</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Телефоны</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Языки</translation>
    </message>
    <message>
        <source>ru, en, uz</source>
        <translation>ru, en, uz</translation>
    </message>
    <message>
        <source>Interpretation needs</source>
        <translation>Нужен переводчик</translation>
    </message>
    <message>
        <source>Dietary needs</source>
        <translation>Питание</translation>
    </message>
    <message>
        <source>P&amp;rofile</source>
        <translation>П&amp;рофиль</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Темы</translation>
    </message>
    <message>
        <source>Biography</source>
        <translation>Биография</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>Нет фото</translation>
    </message>
    <message>
        <source>Choose p&amp;hoto…</source>
        <translation>Выбрать &amp;фото…</translation>
    </message>
    <message>
        <source>or drop an image here</source>
        <translation>или перетащите изображение сюда</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Фото</translation>
    </message>
    <message>
        <source>New institution</source>
        <translation>Новая организация</translation>
    </message>
    <message>
        <source>Name of the institution:</source>
        <translation>Название организации:</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>Выберите фото</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.gif *.webp *.bmp)</source>
        <translation>Изображения (*.jpg *.jpeg *.png *.gif *.webp *.bmp)</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Язык интерфейса</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>The window switches to the new language when you press OK.</source>
        <translation>Окно переключится на новый язык, когда вы нажмёте ОК.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>Your name in the history of changes</source>
        <translation>Ваше имя в истории изменений</translation>
    </message>
    <message>
        <source>your login name</source>
        <translation>ваше имя входа в систему</translation>
    </message>
    <message>
        <source>Written with every change you make (a record&apos;s History). Empty: your login name.</source>
        <translation>Записывается с каждым вашим изменением (история записи). Пусто — имя входа в систему.</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>&amp;Ваше имя:</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>must not be empty</source>
        <translation>не может быть пустым</translation>
    </message>
    <message>
        <source>is too long (%1 characters; the limit is %2)</source>
        <translation>слишком длинный текст (символов: %1; предел — %2)</translation>
    </message>
    <message>
        <source>contains a control character (%1)</source>
        <translation>содержит управляющий символ (%1)</translation>
    </message>
    <message>
        <source>must be a single line</source>
        <translation>должно быть одной строкой</translation>
    </message>
    <message>
        <source>“%1” is not an e-mail address</source>
        <translation>«%1» — не адрес электронной почты</translation>
    </message>
    <message>
        <source>“%1” is not a phone number</source>
        <translation>«%1» — не номер телефона</translation>
    </message>
    <message>
        <source>no longer exists</source>
        <translation>больше не существует</translation>
    </message>
    <message>
        <source>this uid is already used by another record</source>
        <translation>этот uid уже занят другой записью</translation>
    </message>
    <message>
        <source>this record exists already</source>
        <translation>эта запись уже существует</translation>
    </message>
    <message>
        <source>“%1” is not one of the allowed values</source>
        <translation>«%1» — недопустимое значение</translation>
    </message>
    <message>
        <source>only one position can be the current one</source>
        <translation>текущей может быть только одна должность</translation>
    </message>
    <message>
        <source>is listed twice</source>
        <translation>указан дважды</translation>
    </message>
    <message>
        <source>is before the %1 (%2 &lt; %3)</source>
        <translation>раньше, чем %1 (%2 &lt; %3)</translation>
    </message>
    <message>
        <source>a position that has ended cannot be the current one</source>
        <translation>завершённая должность не может быть текущей</translation>
    </message>
    <message>
        <source>must be 0 (unranked) or more</source>
        <translation>должен быть не меньше 0 (0 — без места)</translation>
    </message>
    <message>
        <source>is too large (%1 bytes; the limit is %2)</source>
        <translation>слишком большой файл (%1 байт; предел — %2)</translation>
    </message>
    <message>
        <source>is not a JPEG, PNG, GIF or WebP image</source>
        <translation>не является изображением JPEG, PNG, GIF или WebP</translation>
    </message>
    <message>
        <source>this meeting belongs to another visit</source>
        <translation>эта встреча относится к другому визиту</translation>
    </message>
    <message>
        <source>an institution cannot be its own parent or lie below itself</source>
        <translation>организация не может входить сама в себя или в своё подразделение</translation>
    </message>
    <message>
        <source>would put an institution at level %1 of the tree; the limit is %2 levels</source>
        <translation>организация оказалась бы на уровне %1 иерархии; предел — %2 уровней</translation>
    </message>
    <message>
        <source>this name is taken</source>
        <translation>это название уже занято</translation>
    </message>
    <message>
        <source>a signed agreement needs its signing date</source>
        <translation>для подписанного соглашения нужна дата подписания</translation>
    </message>
    <message>
        <source>a person needs a given name, a family name or a display name</source>
        <translation>у человека должно быть имя, фамилия или отображаемое имя</translation>
    </message>
    <message>
        <source>person %1 does not take part in the visit</source>
        <translation>человек %1 не участвует в визите</translation>
    </message>
    <message>
        <source>the visit needs a title</source>
        <translation>у визита должно быть название</translation>
    </message>
    <message>
        <source>“%1” is not a date (e.g. 11.03.2025)</source>
        <translation>«%1» — это не дата (например, 11.03.2025)</translation>
    </message>
    <message>
        <source>the visit ends before it starts</source>
        <translation>визит заканчивается раньше, чем начинается</translation>
    </message>
    <message>
        <source>a person&apos;s name is empty</source>
        <translation>у человека не указано имя</translation>
    </message>
    <message>
        <source>two people have the same name: drop one</source>
        <translation>у двух людей одинаковое имя: отбросьте одного</translation>
    </message>
    <message>
        <source>an institution&apos;s name is empty</source>
        <translation>у организации не указано название</translation>
    </message>
    <message>
        <source>a meeting&apos;s title is empty</source>
        <translation>у встречи не указано название</translation>
    </message>
    <message>
        <source>a follow-up&apos;s description is empty</source>
        <translation>у поручения не указано содержание</translation>
    </message>
    <message>
        <source>start</source>
        <translation>начало</translation>
    </message>
    <message>
        <source>arrival</source>
        <translation>прибытие</translation>
    </message>
    <message>
        <source>signing date</source>
        <translation>дата подписания</translation>
    </message>
    <message>
        <source>position</source>
        <translation>должность</translation>
    </message>
    <message>
        <source>The %1 with id %2 no longer exists (it may have been deleted elsewhere). Press F5 to reload.</source>
        <translation>Запись «%1» с номером %2 больше не существует (возможно, её удалили в другом месте). Нажмите F5, чтобы обновить.</translation>
    </message>
    <message>
        <source>Someone else changed this record after you opened it.</source>
        <translation>Кто-то другой изменил эту запись после того, как вы её открыли.</translation>
    </message>
    <message>
        <source>%1 cannot be deleted: it is still used by %2.</source>
        <translation>«%1» нельзя удалить: на эту запись ещё ссылаются %2.</translation>
    </message>
    <message>
        <source>This record</source>
        <translation>Эта запись</translation>
    </message>
    <message>
        <source>The database cannot be used: %1</source>
        <translation>С базой данных нельзя работать: %1</translation>
    </message>
</context>
<context>
    <name>ProgrammeItemEditor</name>
    <message>
        <source>New programme item</source>
        <translation>Новый пункт программы</translation>
    </message>
    <message>
        <source>Edit programme item</source>
        <translation>Изменить пункт программы</translation>
    </message>
    <message>
        <source>&amp;Programme item</source>
        <translation>&amp;Пункт программы</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Optional: the kind stands for it</source>
        <translation>Необязательно: вместо него показывается вид</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Место</translation>
    </message>
    <message>
        <source>Escort</source>
        <translation>Сопровождающий</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Транспорт</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
</context>
<context>
    <name>ProgrammeItemKind</name>
    <message>
        <source>Arrival</source>
        <translation>Прибытие</translation>
    </message>
    <message>
        <source>Departure</source>
        <translation>Отъезд</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Переезд</translation>
    </message>
    <message>
        <source>Meal</source>
        <translation>Питание</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Перерыв</translation>
    </message>
    <message>
        <source>Free time</source>
        <translation>Свободное время</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
</context>
<context>
    <name>ProgrammeTab</name>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Место</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Escort</source>
        <translation>Сопровождающий</translation>
    </message>
    <message>
        <source>Filter by title or place…</source>
        <translation>Фильтр по названию или месту…</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>Любой вид</translation>
    </message>
    <message>
        <source>Select a programme item to see its time, place, escort and transport.</source>
        <translation>Выберите пункт программы, чтобы увидеть время, место, сопровождающего и транспорт.</translation>
    </message>
    <message>
        <source>No programme item matches the filter. Clear it to see them all.</source>
        <translation>Ни один пункт программы не подходит под фильтр. Сбросьте его, чтобы увидеть все.</translation>
    </message>
    <message>
        <source>No programme items yet: add arrivals, transfers and meals in the programme of a visit.</source>
        <translation>Пунктов программы пока нет: добавьте прибытие, переезды и питание в программе визита.</translation>
    </message>
</context>
<context>
    <name>ProposalForms</name>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Название</translation>
    </message>
    <message>
        <source>P&amp;lace</source>
        <translation>&amp;Место</translation>
    </message>
    <message>
        <source>&amp;Starts (YYYY-MM-DD)</source>
        <translation>Н&amp;ачало (ГГГГ-ММ-ДД)</translation>
    </message>
    <message>
        <source>&amp;Ends (YYYY-MM-DD)</source>
        <translation>&amp;Окончание (ГГГГ-ММ-ДД)</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Цель</translation>
    </message>
    <message>
        <source>P&amp;urpose</source>
        <translation>&amp;Цель</translation>
    </message>
    <message>
        <source>Add to the &amp;visit</source>
        <translation>Добавить в &amp;визит</translation>
    </message>
    <message>
        <source>Empty: a new visit. Type to find a stored one</source>
        <translation>Пусто — новый визит. Начните вводить, чтобы найти имеющийся</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;ФИО</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <comment>of a person</comment>
        <translation>&amp;Должность</translation>
    </message>
    <message>
        <source>Instit&amp;ution</source>
        <translation>&amp;Организация</translation>
    </message>
    <message>
        <source>Same person &amp;as</source>
        <translation>&amp;Тот же человек, что</translation>
    </message>
    <message>
        <source>Same institution &amp;as</source>
        <translation>&amp;Та же организация, что</translation>
    </message>
    <message>
        <source>&amp;Side</source>
        <translation>&amp;Сторона</translation>
    </message>
    <message>
        <source>Guest (the visiting delegation)</source>
        <translation>Гость (приехавшая делегация)</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Принимающая сторона</translation>
    </message>
    <message>
        <source>Empty: a new person. Type to find a stored one</source>
        <translation>Пусто — новый человек. Начните вводить, чтобы найти имеющегося</translation>
    </message>
    <message>
        <source>Part &amp;of</source>
        <translation>&amp;Входит в</translation>
    </message>
    <message>
        <source>Empty: a new institution. Type to find a stored one</source>
        <translation>Пусто — новая организация. Начните вводить, чтобы найти имеющуюся</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>Same meeting &amp;as</source>
        <translation>&amp;Та же встреча, что</translation>
    </message>
    <message>
        <source>Empty: a new meeting. Type to find a stored one</source>
        <translation>Пусто — новая встреча. Начните вводить, чтобы найти имеющуюся</translation>
    </message>
    <message>
        <source>&amp;Topic</source>
        <translation>&amp;Тема</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Описание</translation>
    </message>
    <message>
        <source>I&amp;mport this proposal</source>
        <translation>Импортировать это п&amp;редложение</translation>
    </message>
    <message>
        <source>Source sentence (the proposal&apos;s words highlighted):</source>
        <translation>Исходное предложение (слова предложенного выделены):</translation>
    </message>
    <message>
        <source>Source sentence</source>
        <translation>Исходное предложение</translation>
    </message>
</context>
<context>
    <name>QuickOpen</name>
    <message>
        <source>Open a record… (Ctrl+K)</source>
        <translation>Перейти к записи… (Ctrl+K)</translation>
    </message>
    <message>
        <source>Quick open</source>
        <translation>Быстрый переход</translation>
    </message>
    <message>
        <source>Type part of a name to find people, institutions, visits, meetings, agreements, topics and follow-ups</source>
        <translation>Введите часть названия, чтобы найти людей, организации, визиты, встречи, соглашения, темы и поручения</translation>
    </message>
    <message>
        <source>Nothing found for “%1”</source>
        <translation>По запросу «%1» ничего не найдено</translation>
    </message>
</context>
<context>
    <name>RecordActions</name>
    <message>
        <source>Delete %1 “%2”</source>
        <translation>Удаление: %1 «%2»</translation>
    </message>
    <message>
        <source>Duplicate visit “%1”</source>
        <translation>Копирование визита «%1»</translation>
    </message>
    <message>
        <source>Edit %1 “%2”</source>
        <translation>Изменение: %1 «%2»</translation>
    </message>
    <message>
        <source>New %1 “%2”</source>
        <translation>Создание: %1 «%2»</translation>
    </message>
</context>
<context>
    <name>RecordKind</name>
    <message>
        <source>Person</source>
        <translation>Человек</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Встреча</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Поручение</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Соглашение</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>programme item</source>
        <translation>пункт программы</translation>
    </message>
    <message>
        <source>Programme item</source>
        <translation>Пункт программы</translation>
    </message>
    <message>
        <source>person</source>
        <translation>человек</translation>
    </message>
    <message>
        <source>institution</source>
        <translation>организация</translation>
    </message>
    <message>
        <source>visit</source>
        <translation>визит</translation>
    </message>
    <message>
        <source>meeting</source>
        <translation>встреча</translation>
    </message>
    <message>
        <source>follow-up</source>
        <translation>поручение</translation>
    </message>
    <message>
        <source>agreement</source>
        <translation>соглашение</translation>
    </message>
    <message>
        <source>topic</source>
        <translation>тема</translation>
    </message>
</context>
<context>
    <name>RecordMenu</name>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Запись</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Создать…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Удалить…</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>Отметить &amp;выполненным</translation>
    </message>
    <message>
        <source>&amp;Paste people from a table…</source>
        <translation>&amp;Вставить людей из таблицы…</translation>
    </message>
    <message>
        <source>D&amp;uplicate visit…</source>
        <translation>Создать &amp;копию визита…</translation>
    </message>
    <message>
        <source>A new visit with the same delegations and programme: next year&apos;s, or the return visit</source>
        <translation>Новый визит с теми же делегациями и программой: на следующий год или ответный визит</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Delete %1 “%2”?</source>
        <translation>Удалить «%2» (%1)?</translation>
    </message>
    <message>
        <source>You can undo this with Ctrl+Z.</source>
        <translation>Это можно отменить: Ctrl+Z.</translation>
    </message>
    <message>
        <source>“%1” cannot be deleted: it is still used by %2.</source>
        <translation>«%1» нельзя удалить: на запись ссылаются %2.</translation>
    </message>
    <message>
        <source>Remove it there first, then delete it.</source>
        <translation>Сначала уберите её оттуда, затем удалите.</translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n визит</numerusform>
            <numerusform>%n визита</numerusform>
            <numerusform>%n визитов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n meeting(s)</source>
        <translation>
            <numerusform>%n встреча</numerusform>
            <numerusform>%n встречи</numerusform>
            <numerusform>%n встреч</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n agreement(s)</source>
        <translation>
            <numerusform>%n соглашение</numerusform>
            <numerusform>%n соглашения</numerusform>
            <numerusform>%n соглашений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n подразделение</numerusform>
            <numerusform>%n подразделения</numerusform>
            <numerusform>%n подразделений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n position(s)</source>
        <translation>
            <numerusform>%n должность</numerusform>
            <numerusform>%n должности</numerusform>
            <numerusform>%n должностей</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy a table of people first: one a row, with name, title and institution (from a spreadsheet, Word or a web page).</source>
        <translation>Сначала скопируйте таблицу людей: по одному в строке, с именем, должностью и организацией (из электронной таблицы, Word или веб-страницы).</translation>
    </message>
    <message>
        <source>Organizer</source>
        <translation>Organizer</translation>
    </message>
    <message>
        <source>“%1” could not be undone or redone.</source>
        <translation>Не удалось отменить или повторить: «%1».</translation>
    </message>
</context>
<context>
    <name>RecordPicker</name>
    <message>
        <source>Type to search</source>
        <translation>Начните вводить для поиска</translation>
    </message>
    <message>
        <source>Create «%1»</source>
        <translation>Создать «%1»</translation>
    </message>
</context>
<context>
    <name>RowsEditor</name>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Выше</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Ниже</translation>
    </message>
    <message>
        <source>Delete in the table</source>
        <translation>Клавиша Delete в таблице</translation>
    </message>
    <message>
        <source>Ctrl+Up in the table</source>
        <translation>Ctrl+Вверх в таблице</translation>
    </message>
    <message>
        <source>Ctrl+Down in the table</source>
        <translation>Ctrl+Вниз в таблице</translation>
    </message>
    <message>
        <source>Paste a table…</source>
        <translation>Вставить таблицу…</translation>
    </message>
    <message>
        <source>People copied from a spreadsheet, Word or a web page: one a row, name, title and institution (Ctrl+V in the table)</source>
        <translation>Люди, скопированные из электронной таблицы, Word или веб-страницы: по одному в строке — имя, должность и организация (Ctrl+V в таблице)</translation>
    </message>
</context>
<context>
    <name>Side</name>
    <message>
        <source>Guest</source>
        <translation>Гостевая</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Принимающая</translation>
    </message>
</context>
<context>
    <name>TopicsTab</name>
    <message>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Filter by name…</source>
        <translation>Фильтр по названию…</translation>
    </message>
    <message>
        <source>Select a topic to see the people, institutions, visits and meetings filed under it.</source>
        <translation>Выберите тему, чтобы увидеть связанных с ней людей, организации, визиты и встречи.</translation>
    </message>
    <message>
        <source>No topic matches the filter. Clear it to see them all.</source>
        <translation>Ни одна тема не подходит под фильтр. Сбросьте его, чтобы увидеть все.</translation>
    </message>
    <message>
        <source>No topics yet: give them to people, institutions, visits and meetings in their editors.</source>
        <translation>Тем пока нет: назначайте их людям, организациям, визитам и встречам в их редакторах.</translation>
    </message>
</context>
<context>
    <name>Uses</name>
    <message numerus="yes">
        <source>%Ln visit(s)</source>
        <translation>
            <numerusform>%Ln визит</numerusform>
            <numerusform>%Ln визита</numerusform>
            <numerusform>%Ln визитов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln meeting(s)</source>
        <translation>
            <numerusform>%Ln встреча</numerusform>
            <numerusform>%Ln встречи</numerusform>
            <numerusform>%Ln встреч</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln agreement(s)</source>
        <translation>
            <numerusform>%Ln соглашение</numerusform>
            <numerusform>%Ln соглашения</numerusform>
            <numerusform>%Ln соглашений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unit(s)</source>
        <translation>
            <numerusform>%Ln подразделение</numerusform>
            <numerusform>%Ln подразделения</numerusform>
            <numerusform>%Ln подразделений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln position(s)</source>
        <translation>
            <numerusform>%Ln должность</numerusform>
            <numerusform>%Ln должности</numerusform>
            <numerusform>%Ln должностей</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VariantsPanel</name>
    <message>
        <source>Texts of this record in other languages: documents and the window in that language show them instead of the text as entered.</source>
        <translation>Тексты этой записи на других языках: документы и окно на этом языке показывают их вместо текста в том виде, как он введён.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>Language variants</source>
        <translation>Варианты на других языках</translation>
    </message>
    <message>
        <source>Name in %1: %2</source>
        <translation>Имя (%1): %2</translation>
    </message>
    <message>
        <source>(automatic: nobody has written it yet)</source>
        <translation>(автоматически: ещё никем не записано)</translation>
    </message>
    <message>
        <source>Keep as written</source>
        <translation>Сохранить как есть</translation>
    </message>
</context>
<context>
    <name>VisitDirection</name>
    <message>
        <source>Incoming</source>
        <translation>Входящий</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Исходящий</translation>
    </message>
</context>
<context>
    <name>VisitEditor</name>
    <message>
        <source>New visit</source>
        <translation>Новый визит</translation>
    </message>
    <message>
        <source>Edit visit</source>
        <translation>Изменить визит</translation>
    </message>
    <message>
        <source>&amp;Visit</source>
        <translation>&amp;Визит</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Направление</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>По</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Место</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Цель</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Темы</translation>
    </message>
    <message>
        <source>&amp;Briefing</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Desired outcomes</source>
        <translation>Желаемые результаты</translation>
    </message>
    <message>
        <source>Key messages</source>
        <translation>Ключевые тезисы</translation>
    </message>
    <message>
        <source>Sensitivities (what not to raise)</source>
        <translation>Деликатные вопросы (что не поднимать)</translation>
    </message>
    <message>
        <source>&amp;Delegations</source>
        <translation>&amp;Делегации</translation>
    </message>
    <message>
        <source>Institutions</source>
        <translation>Организации</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Сторона</translation>
    </message>
    <message>
        <source>Members and hosts</source>
        <translation>Члены делегации и принимающие</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Человек</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>&amp;Logistics</source>
        <translation>&amp;Логистика</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>Прибытие</translation>
    </message>
    <message>
        <source>Arrival details</source>
        <translation>Подробности прибытия</translation>
    </message>
    <message>
        <source>Departure</source>
        <translation>Отъезд</translation>
    </message>
    <message>
        <source>Departure details</source>
        <translation>Подробности отъезда</translation>
    </message>
    <message>
        <source>Lodging</source>
        <translation>Проживание</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Транспорт</translation>
    </message>
    <message>
        <source>Interpretation needs</source>
        <translation>Устный перевод</translation>
    </message>
    <message>
        <source>Dietary needs</source>
        <translation>Питание</translation>
    </message>
    <message>
        <source>&amp;Gifts and summary</source>
        <translation>&amp;Подарки и итоги</translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation>Подарки</translation>
    </message>
    <message>
        <source>Given or received</source>
        <translation>Подарен или получен</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>Подарок</translation>
    </message>
    <message>
        <source>To or from</source>
        <translation>Кому или от кого</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Итоги</translation>
    </message>
</context>
<context>
    <name>VisitStatus</name>
    <message>
        <source>Planned</source>
        <translation>Запланирован</translation>
    </message>
    <message>
        <source>Under way</source>
        <translation>Идёт</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Завершён</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменён</translation>
    </message>
</context>
<context>
    <name>VisitsTab</name>
    <message>
        <source>Dates</source>
        <translation>Даты</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Место</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Направление</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Встречи</translation>
    </message>
    <message>
        <source>Filter by title or place…</source>
        <translation>Фильтр по названию или месту…</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Любой статус</translation>
    </message>
</context>
<context>
    <name>WindowManager</name>
    <message>
        <source>Cannot Open Database</source>
        <translation>Не удалось открыть базу данных</translation>
    </message>
    <message>
        <source>Organizer could not open %1.</source>
        <translation>Organizer не смог открыть %1.</translation>
    </message>
</context>
<context>
    <name>_CalendarField</name>
    <message>
        <source>Choose the day from a calendar (Alt+Down)</source>
        <translation>Выбрать день в календаре (Alt+стрелка вниз)</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>Attach “%1”</source>
        <translation>Прикрепление файла «%1»</translation>
    </message>
    <message>
        <source>Remove file “%1”</source>
        <translation>Удаление файла «%1»</translation>
    </message>
</context>
</TS>
