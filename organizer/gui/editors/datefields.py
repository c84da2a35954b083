"""The editors' date and date-time fields: free typing in the forms ``domain.dates`` reads
(``11.03.2025``, ``11/03/2025`` day first, ``11 мар 2025``, ``2025-03-11 10:00``...), shown as ISO,
with a calendar popup at the end of the line (its button, Alt+Down or F4).

A field can offer days first (``offer_days``: a meeting's fields offer its visit's days): Down opens
their list (Enter picks, the time is kept and selected, ready to be typed over). A date-time field with
a known day (``default_day``: the visit's first day, the day picked last, the start's day for an end)
also reads a time typed alone: ``14:30`` is that day at 14:30."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QListWidget, QListWidgetItem, QWidget

from organizer.domain import dates
from organizer.gui.editors.fields import InvalidInputError, TextField
from organizer.gui.formatting import fmt_day
from organizer.gui.icons import action_icon


class _CalendarField(TextField):
    """A line for a date (or date and time) with a calendar button at its end: the button, Alt+Down
    or F4 open a calendar popup (arrows move, Enter or a click picks the day, Escape closes it);
    free typing stays (``domain.dates`` forms)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calendar_action = self.addAction(action_icon("calendar"), QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip(self.tr("Choose the day from a calendar (Alt+Down)"))
        self.calendar_action.triggered.connect(self.open_calendar)
        self.calendar: QCalendarWidget | None = None
        self.default_day: date | None = None
        """The day the calendar opens on while the text names none (e.g. a visit's first day)."""
        self.days: list[date] = []
        """Days offered first (Down opens their list): a meeting's visit's days."""
        self.day_list: QListWidget | None = None

    def offer_days(self, first: date, last: date | None) -> None:
        """Offer the days from ``first`` to ``last`` (a visit's) in a list that Down opens."""
        count = max(1, min(((last or first) - first).days + 1, 31))
        self.days = [date.fromordinal(first.toordinal() + n) for n in range(count)]

    def open_days(self) -> QListWidget:
        """The list of the offered days below the field, the day typed (or the first) current."""
        popup = self.day_list
        if popup is None:
            popup = self.day_list = QListWidget(self)
            popup.setWindowFlags(Qt.WindowType.Popup)
            popup.itemActivated.connect(self._day_chosen)
            popup.itemClicked.connect(self._day_chosen)
        popup.clear()
        for day in self.days:
            item = QListWidgetItem(fmt_day(day))
            item.setData(Qt.ItemDataRole.UserRole, day.toordinal())
            popup.addItem(item)
        now = self.picked_day()
        popup.setCurrentRow(self.days.index(now) if now in self.days else 0)
        popup.setFixedWidth(max(self.width(), popup.sizeHintForColumn(0) + 30))
        popup.setFixedHeight(popup.sizeHintForRow(0) * min(len(self.days), 10) + 6)
        popup.move(self.mapToGlobal(QPoint(0, self.height())))
        popup.show()
        popup.setFocus()
        return popup

    def _day_chosen(self, item: QListWidgetItem) -> None:
        if self.day_list is not None:
            self.day_list.hide()
        self.pick(date.fromordinal(int(item.data(Qt.ItemDataRole.UserRole))))
        self.setFocus()

    def picked_day(self) -> date | None:
        """The day the text names now (None if empty or not a date): the calendar opens there."""
        raise NotImplementedError

    def pick(self, day: date) -> None:
        """Put the day chosen in the calendar into the text."""
        raise NotImplementedError

    def open_calendar(self) -> QCalendarWidget:
        """Show the calendar popup below the field (one per field, kept and reused)."""
        popup = self.calendar
        if popup is None:
            popup = self.calendar = QCalendarWidget(self)
            popup.setWindowFlags(Qt.WindowType.Popup)
            popup.setGridVisible(True)
            popup.activated.connect(self._chosen)
            popup.clicked.connect(self._chosen)
        day = self.picked_day() or self.default_day
        if day is not None:
            popup.setSelectedDate(QDate(day.year, day.month, day.day))
        popup.adjustSize()
        popup.move(self.mapToGlobal(QPoint(0, self.height())))
        popup.show()
        popup.setFocus()
        return popup

    def _chosen(self, value: QDate) -> None:  # from the calendar
        self.pick(date(value.year(), value.month(), value.day()))
        if self.calendar is not None:
            self.calendar.hide()
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F4 or (
                event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.open_calendar()
            return
        if event.key() == Qt.Key.Key_Down and self.days and not event.modifiers():
            self.open_days()
            return
        super().keyPressEvent(event)


class DateField(_CalendarField):
    """A date, shown as ``YYYY-MM-DD``, typed in any form of ``domain.dates`` (empty: no date)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("YYYY-MM-DD"))

    def value(self) -> date | None:  # type: ignore[override]
        return parse_date(self.text())

    def set_value(self, value: date | None) -> None:  # type: ignore[override]
        self.setText(value.isoformat() if value else "")

    def picked_day(self) -> date | None:
        try:
            return self.value()
        except InvalidInputError:
            return None

    def pick(self, day: date) -> None:
        self.set_value(day)


class DateTimeField(_CalendarField):
    """A time, shown as ``YYYY-MM-DD HH:MM``, typed as ``domain.dates`` reads it (empty: no time)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("YYYY-MM-DD HH:MM"))

    def value(self) -> datetime | None:  # type: ignore[override]
        try:
            return dates.parse_datetime(self.text())
        except ValueError:
            pass
        if self.default_day is not None:  # a time alone: on the day known
            try:
                return datetime.combine(self.default_day, dates.parse_time(self.text()))
            except ValueError:
                pass
        raise InvalidInputError(self.text().strip())

    def set_value(self, value: datetime | None) -> None:  # type: ignore[override]
        self.setText(value.strftime("%Y-%m-%d %H:%M") if value else "")

    def picked_day(self) -> date | None:
        try:
            value = self.value()
        except InvalidInputError:
            return None
        return value.date() if value is not None else None

    def pick(self, day: date) -> None:
        """The day replaces the date; a time already typed is kept and selected (typing replaces it),
        else the cursor waits for one. The day is then the one a time typed alone is on."""
        try:
            value = self.value()
        except InvalidInputError:
            value = None
        self.default_day = day
        if value is not None:
            self.set_value(datetime.combine(day, value.time()))
            self.setSelection(len(day.isoformat()) + 1, len(self.text()))
        else:
            self.setText(day.isoformat() + " ")


def parse_date(text: str) -> date | None:
    """``domain.dates.parse_date``: ISO, ``11.03.2025``, ``11/03/2025`` (day first), ``11 мар 2025``..."""
    try:
        return dates.parse_date(text)
    except ValueError:
        raise InvalidInputError(text.strip()) from None
