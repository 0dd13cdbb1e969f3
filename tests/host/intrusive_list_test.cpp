// Host tests of libk's intrusive list: order, O(1) removal from anywhere, refusal of misuse,
// and an element that sits in two lists at once through two nodes.
#include "libk/intrusive_list.h"
#include <deque>
#include <gtest/gtest.h>
#include <vector>

namespace {

struct Item {
    explicit Item(int item_value) : value(item_value) {}
    int value;
    libk::ListNode<Item> m_node;
    libk::ListNode<Item> m_other_node;
};

using ItemList = libk::IntrusiveList<Item, &Item::m_node>;
using OtherItemList = libk::IntrusiveList<Item, &Item::m_other_node>;

template <typename List>
std::vector<int> values(const List& list) {
    std::vector<int> result;
    for (Item& item : list)
        result.push_back(item.value);
    return result;
}

TEST(IntrusiveList, StartsEmpty) {
    ItemList list;
    EXPECT_TRUE(list.is_empty());
    EXPECT_EQ(list.size(), 0u);
    EXPECT_EQ(list.first(), nullptr);
    EXPECT_EQ(list.last(), nullptr);
    EXPECT_EQ(list.pop_front(), nullptr);
    EXPECT_TRUE(values(list).empty());
}

TEST(IntrusiveList, PushBackAndFrontKeepOrder) {
    Item a(1), b(2), c(3);
    ItemList list;
    ASSERT_TRUE(list.push_back(b));
    ASSERT_TRUE(list.push_back(c));
    ASSERT_TRUE(list.push_front(a));
    EXPECT_EQ(values(list), (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(list.size(), 3u);
    EXPECT_EQ(list.first(), &a);
    EXPECT_EQ(list.last(), &c);
    EXPECT_EQ(list.next(a), &b);
    EXPECT_EQ(list.next(c), nullptr);
    EXPECT_EQ(list.previous(a), nullptr);
    EXPECT_EQ(list.previous(c), &b);
}

TEST(IntrusiveList, PopFrontIsFifo) {
    Item a(1), b(2), c(3);
    ItemList list;
    ASSERT_TRUE(list.push_back(a));
    ASSERT_TRUE(list.push_back(b));
    ASSERT_TRUE(list.push_back(c));
    EXPECT_EQ(list.pop_front(), &a);
    EXPECT_EQ(list.pop_front(), &b);
    EXPECT_EQ(list.pop_front(), &c);
    EXPECT_EQ(list.pop_front(), nullptr);
    EXPECT_FALSE(a.m_node.is_linked());
    EXPECT_TRUE(list.is_empty());
}

TEST(IntrusiveList, RemovesFromAnywhere) {
    Item a(1), b(2), c(3), d(4);
    ItemList list;
    for (Item* item : {&a, &b, &c, &d})
        ASSERT_TRUE(list.push_back(*item));
    EXPECT_TRUE(list.remove(c)); // middle
    EXPECT_EQ(values(list), (std::vector<int>{1, 2, 4}));
    EXPECT_TRUE(list.remove(a)); // first
    EXPECT_EQ(values(list), (std::vector<int>{2, 4}));
    EXPECT_TRUE(list.remove(d)); // last
    EXPECT_EQ(values(list), (std::vector<int>{2}));
    EXPECT_TRUE(list.remove(b)); // only
    EXPECT_TRUE(list.is_empty());
    EXPECT_EQ(list.size(), 0u);
}

TEST(IntrusiveList, InsertBefore) {
    Item a(1), b(2), c(3), outsider(9);
    ItemList list;
    ASSERT_TRUE(list.push_back(c));
    ASSERT_TRUE(list.insert_before(c, a));
    ASSERT_TRUE(list.insert_before(c, b));
    EXPECT_EQ(values(list), (std::vector<int>{1, 2, 3}));
    Item late(4);
    EXPECT_FALSE(list.insert_before(outsider, late)); // position not in this list
    EXPECT_FALSE(late.m_node.is_linked());
}

TEST(IntrusiveList, RefusesToLinkANodeTwice) {
    Item a(1);
    ItemList list, other;
    ASSERT_TRUE(list.push_back(a));
    EXPECT_FALSE(list.push_back(a));
    EXPECT_FALSE(other.push_front(a));
    EXPECT_EQ(list.size(), 1u);
    EXPECT_EQ(other.size(), 0u);
}

TEST(IntrusiveList, RefusesToRemoveAnElementOfAnotherList) {
    Item a(1), b(2);
    ItemList list, other;
    ASSERT_TRUE(list.push_back(a));
    ASSERT_TRUE(other.push_back(b));
    EXPECT_FALSE(list.remove(b));
    EXPECT_FALSE(list.remove(b));
    EXPECT_TRUE(other.contains(b));
    EXPECT_FALSE(list.contains(b));
    EXPECT_EQ(values(list), (std::vector<int>{1}));
    EXPECT_EQ(values(other), (std::vector<int>{2}));
}

TEST(IntrusiveList, RelinkAfterRemoval) {
    Item a(1);
    ItemList list, other;
    ASSERT_TRUE(list.push_back(a));
    ASSERT_TRUE(list.remove(a));
    EXPECT_TRUE(other.push_back(a));
    EXPECT_TRUE(other.contains(a));
}

TEST(IntrusiveList, TwoNodesPutOneElementInTwoLists) {
    Item a(1), b(2);
    ItemList list;
    OtherItemList other;
    ASSERT_TRUE(list.push_back(a));
    ASSERT_TRUE(list.push_back(b));
    ASSERT_TRUE(other.push_back(b));
    ASSERT_TRUE(other.push_back(a));
    EXPECT_EQ(values(list), (std::vector<int>{1, 2}));
    EXPECT_EQ(values(other), (std::vector<int>{2, 1}));
    ASSERT_TRUE(list.remove(a));
    EXPECT_EQ(values(other), (std::vector<int>{2, 1}));
}

TEST(IntrusiveList, ManyElementsStayConsistent) {
    std::deque<Item> items; // a deque never moves its elements, and nodes cannot be moved
    for (int i = 0; i < 1000; ++i)
        items.emplace_back(i);
    ItemList list;
    for (Item& item : items)
        ASSERT_TRUE(list.push_back(item));
    // Remove every odd element, then check what remains in order.
    for (int i = 1; i < 1000; i += 2)
        ASSERT_TRUE(list.remove(items[i]));
    EXPECT_EQ(list.size(), 500u);
    int expected = 0;
    for (Item& item : list) {
        EXPECT_EQ(item.value, expected);
        expected += 2;
    }
}

TEST(IntrusiveList, DestroyingAListUnlinksItsElements) {
    Item a(1), b(2);
    {
        ItemList list;
        ASSERT_TRUE(list.push_back(a));
        ASSERT_TRUE(list.push_back(b));
    }
    EXPECT_FALSE(a.m_node.is_linked());
    EXPECT_FALSE(b.m_node.is_linked());
    ItemList other;
    EXPECT_TRUE(other.push_back(a));
}

} // namespace
