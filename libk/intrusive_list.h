// An intrusive doubly linked list: the links live inside the element (a ListNode member), so
// linking and unlinking never allocate and an element is removed in O(1) from anywhere in the
// list. The kernel's run queues, wait queues and sleep queue are built on it.
//
//     struct Thread { libk::ListNode<Thread> m_queue_node; ... };
//     libk::IntrusiveList<Thread, &Thread::m_queue_node> ready;
//
// One node can be in one list at a time; an element that must be in two lists at once (a thread
// is in the list of all threads and in one queue) has two nodes. Misuse (linking a node that is
// already linked, removing an element from a list it is not in) is refused with `false`, so the
// caller decides whether that is an error or a broken invariant.
#pragma once

#include "libk/types.h"

namespace libk {

template <typename T>
class ListNode {
public:
    ListNode() = default;
    ListNode(const ListNode&) = delete;
    ListNode& operator=(const ListNode&) = delete;

    bool is_linked() const { return m_list != nullptr; }

private:
    constexpr ListNode(ListNode* previous, ListNode* next) : m_previous(previous), m_next(next) {}

    template <typename Element, ListNode<Element> Element::*Member>
    friend class IntrusiveList;

    ListNode* m_previous = nullptr;
    ListNode* m_next = nullptr;
    // The element this node is part of, recorded when it is linked (no offset arithmetic).
    T* m_owner = nullptr;
    // The list the node is in, or nullptr: lets remove() refuse a node of another list.
    const void* m_list = nullptr;
};

template <typename T, ListNode<T> T::*Member>
class IntrusiveList {
public:
    // constexpr, so a global list is ready before any constructor runs.
    constexpr IntrusiveList() : m_head(&m_head, &m_head) {}
    // Elements still linked when the list goes away are left unlinked, not pointing at it.
    ~IntrusiveList() {
        while (pop_front() != nullptr) {
        }
    }
    // The head node is part of the ring, so the list cannot be copied or moved.
    IntrusiveList(const IntrusiveList&) = delete;
    IntrusiveList& operator=(const IntrusiveList&) = delete;

    bool is_empty() const { return m_head.m_next == &m_head; }
    size_t size() const { return m_size; }
    bool contains(const T& element) const { return (element.*Member).m_list == this; }

    T* first() const { return is_empty() ? nullptr : m_head.m_next->m_owner; }
    T* last() const { return is_empty() ? nullptr : m_head.m_previous->m_owner; }

    // The element after/before `element` (which must be in this list), or nullptr at the end.
    T* next(const T& element) const {
        ListNode<T>* node = (element.*Member).m_next;
        return node == &m_head ? nullptr : node->m_owner;
    }
    T* previous(const T& element) const {
        ListNode<T>* node = (element.*Member).m_previous;
        return node == &m_head ? nullptr : node->m_owner;
    }

    [[nodiscard]] bool push_back(T& element) { return link(element, m_head); }
    [[nodiscard]] bool push_front(T& element) { return link(element, *m_head.m_next); }

    // Inserts `element` just before `position`, which must be in this list.
    [[nodiscard]] bool insert_before(T& position, T& element) {
        if (!contains(position))
            return false;
        return link(element, position.*Member);
    }

    // Unlinks and returns the first element, or nullptr when the list is empty.
    T* pop_front() {
        T* element = first();
        if (element != nullptr)
            unlink(*element);
        return element;
    }

    [[nodiscard]] bool remove(T& element) {
        if (!contains(element))
            return false;
        unlink(element);
        return true;
    }

    // Range-for over the elements. Do not unlink the element the loop is on; use next() for that.
    class Iterator {
    public:
        explicit Iterator(ListNode<T>* node) : m_node(node) {}
        T& operator*() const { return *m_node->m_owner; }
        Iterator& operator++() {
            m_node = m_node->m_next;
            return *this;
        }
        bool operator!=(const Iterator& other) const { return m_node != other.m_node; }

    private:
        ListNode<T>* m_node;
    };
    Iterator begin() const { return Iterator(m_head.m_next); }
    Iterator end() const { return Iterator(const_cast<ListNode<T>*>(&m_head)); }

private:
    // Links `element` in front of `successor` (the head node for the end of the list).
    bool link(T& element, ListNode<T>& successor) {
        ListNode<T>& node = element.*Member;
        if (node.is_linked())
            return false;
        node.m_owner = &element;
        node.m_list = this;
        node.m_next = &successor;
        node.m_previous = successor.m_previous;
        successor.m_previous->m_next = &node;
        successor.m_previous = &node;
        ++m_size;
        return true;
    }

    void unlink(T& element) {
        ListNode<T>& node = element.*Member;
        node.m_previous->m_next = node.m_next;
        node.m_next->m_previous = node.m_previous;
        node.m_previous = nullptr;
        node.m_next = nullptr;
        node.m_list = nullptr;
        --m_size;
    }

    // The ring's anchor: first() is m_head.m_next, last() is m_head.m_previous.
    ListNode<T> m_head;
    size_t m_size = 0;
};

} // namespace libk
